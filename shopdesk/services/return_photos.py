"""The photos of a return case: how many a step takes and their check, and reading one
back."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from shopdesk.models import ReturnPhoto
from shopdesk.services.inbox import check_images
from shopdesk.services.records import existing

MAX_PHOTOS = 9


def check_photos(photos: Sequence[tuple[str, str, bytes]]) -> None:
    check_images(photos, MAX_PHOTOS)


def photo_data(session: Session, photo_id: int) -> tuple[str, str, bytes]:
    photo = existing(session, ReturnPhoto, photo_id, "photo")
    return photo.filename, photo.mime_type, photo.data
