"""Record builder of the knowledge base's articles (kind ``article``), with their images."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from shopdesk.dataset.staging import Staging, aware
from shopdesk.errors import DatasetError
from shopdesk.models import Article, ArticleImage
from shopdesk.services.inbox import IMAGE_TYPES, MAX_ATTACHMENT


class ArticleRecords(Staging):
    def _stage_article(self, n: int, v: dict[str, Any]) -> None:
        self.define("article", v["key"], n)
        store = self.ref(self.stores, "store", v["store"], n, "store")
        created_by = self.ref(self.agents, "agent", v["created_by"], n, "created_by")
        updated_by = self.ref(self.agents, "agent", v["updated_by"], n, "updated_by")
        start = aware(v["valid_from"]) if v["valid_from"] else None
        end = aware(v["valid_to"]) if v["valid_to"] else None
        if start is not None and end is not None and end <= start:
            raise DatasetError("must be later than valid_from", n, "valid_to")
        for i, image in enumerate(v["images"] or []):
            if image["mime_type"] not in IMAGE_TYPES:
                raise DatasetError(f"must be one of {', '.join(IMAGE_TYPES)}", n,
                                   f"images[{i}].mime_type")
            if len(image["data"]) > MAX_ATTACHMENT:
                raise DatasetError("an image is at most 10 MB", n, f"images[{i}].data")
        existing = self._existing.id_of(Article, v["key"])
        created = aware(v["created_at"] or datetime.now(UTC))
        row = {"key": v["key"], "store_id": store["id"] if store else None,
               "kind": v["type"], "language": v["language"], "title": v["title"],
               "body": v["body"], "keywords": " ".join((v["keywords"] or "").split()),
               "valid_from": start, "valid_to": end,
               "created_by_id": created_by, "updated_by_id": updated_by or created_by,
               "updated_at": aware(v["updated_at"]) if v["updated_at"] else created}
        if existing is None or v["created_at"] is not None:
            row["created_at"] = created
        if existing is None:
            row["version"] = 1
        article_id = self.put(Article.__table__, "article", row, existing)
        if existing is not None:
            self.replace_children[ArticleImage.__table__].add(article_id)
        for image in v["images"] or []:
            self.inserts[ArticleImage.__table__].append(
                {"id": self.new_id(ArticleImage.__table__), "article_id": article_id,
                 "filename": image["filename"], "mime_type": image["mime_type"],
                 "size": len(image["data"]), "data": image["data"]})
