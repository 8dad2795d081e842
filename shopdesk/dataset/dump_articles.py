"""The knowledge base's articles as dataset records (kind ``article``), for ``dump``."""

from __future__ import annotations

import base64
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.models import Article, ArticleImage


def article_records(session: Session, store_keys: dict[int, str],
                    agent_keys: dict[int, str]) -> Iterator[dict[str, Any]]:
    images: dict[int, list[dict[str, str]]] = defaultdict(list)
    for image in session.scalars(select(ArticleImage).order_by(ArticleImage.id)):
        images[image.article_id].append({
            "filename": image.filename, "mime_type": image.mime_type,
            "data": base64.b64encode(image.data).decode("ascii")})
    for a in session.scalars(select(Article).order_by(Article.id)):
        record = {
            "kind": "article", "key": a.key,
            "store": store_keys[a.store_id] if a.store_id else None, "type": a.kind.value,
            "language": a.language, "title": a.title, "body": a.body,
            "keywords": a.keywords or None,
            "valid_from": a.valid_from.isoformat() if a.valid_from else None,
            "valid_to": a.valid_to.isoformat() if a.valid_to else None,
            "images": images.get(a.id), "created_at": a.created_at.isoformat(),
            "created_by": agent_keys.get(a.created_by_id) if a.created_by_id else None,
            "updated_at": a.updated_at.isoformat(),
            "updated_by": agent_keys.get(a.updated_by_id) if a.updated_by_id else None,
        }
        yield {k: v for k, v in record.items() if v is not None}
