"""The demo channel: plays customers for the demo shop so that ``shopdesk --demo`` feels
alive. New messages arrive every few seconds in Chinese and English, in existing
conversations and from new customers; some replies get an answer."""

from __future__ import annotations

import random
import struct
import zlib
from datetime import datetime

from shopdesk.channels.base import Fetched, Incoming, Outgoing
from shopdesk.times import utcnow

FOLLOW_UPS = {
    "zh": ["亲，在吗？", "请问什么时候发货呀？", "快递到哪了？", "能开发票吗？", "好的，谢谢！",
           "东西收到了，质量不错 👍", "尺码偏小吗？", "可以便宜点吗？", "包装破了，怎么办？"],
    "en": ["Hi, any update on my order?", "When will it ship?", "Thanks a lot!",
           "Can I change the delivery address?", "The box arrived damaged 😞",
           "Do you ship to Canada?", "Is there a discount for two?"],
}
ANSWERS = {"zh": ["好的，谢谢亲～", "收到 👌", "那我等等看"],
           "en": ["Great, thanks!", "OK 👍", "Perfect, I'll wait."]}
SCORES = {"zh": ["5", "非常满意", "满意", "五星好评", "一般", "5分"],
          "en": ["5", "Very satisfied!", "4", "👍", "ok", "satisfied"]}
NAMES = {"zh": ["小林", "阿杰", "陈女士", "张先生", "王小姐", "刘洋"],
         "en": ["Grace Hall", "Owen Clark", "Mia Young", "Noah King"]}


PHOTO_TEXT = {"zh": "看看这个包装 📷", "en": "This is how it arrived 📷"}


def demo_photo(seed: int) -> bytes:
    """A small PNG (a parcel-brown picture with a darker stripe), made without Qt."""
    width, height = 160, 120
    rng = random.Random(seed)
    base = (180 + rng.randint(-20, 20), 140, 90)
    rows = []
    for y in range(height):
        stripe = abs(y - height // 2) < 8
        colour = bytes((c - 60 if stripe else c) for c in base)
        rows.append(b"\x00" + colour * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b""))


class DemoChannel:
    def __init__(self, store_key: str, language: str, threads: list[tuple[str, str, str]],
                 seed: int | None = None, every_seconds: float = 8.0) -> None:
        """``threads``: (thread id, handle, customer name) of the store's conversations."""
        self.store_key = store_key
        self.language = "zh" if language.startswith("zh") else "en"
        self.threads = threads
        self.rng = random.Random(seed)
        self.every = every_seconds
        self._pending_answers: list[tuple[str, str, str, str]] = []
        self._last: datetime | None = None

    def fetch(self, cursor: str | None) -> Fetched:
        now = utcnow()
        count = int(cursor or 0)
        messages: list[Incoming] = []
        for thread, handle, name, text in self._pending_answers:
            count += 1
            messages.append(Incoming(f"{self.store_key}-live-{count}", thread, handle, name, now,
                                     text))
        self._pending_answers.clear()
        due = self._last is None or (now - self._last).total_seconds() >= self.every
        if due and self.rng.random() < 0.7:
            self._last = now
            count += 1
            if self.threads and self.rng.random() < 0.75:
                thread, handle, name = self.rng.choice(self.threads)
            else:
                name = self.rng.choice(NAMES[self.language])
                handle = f"live_{self.store_key}_{count}"
                thread = f"{self.store_key}-live-thread-{count}"
                self.threads.append((thread, handle, name))
            if self.rng.random() < 0.1:  # now and then a customer sends a photo
                messages.append(Incoming(
                    f"{self.store_key}-live-{count}", thread, handle, name, now,
                    PHOTO_TEXT[self.language],
                    attachments=(("photo.png", "image/png", demo_photo(count)),)))
            else:
                messages.append(Incoming(f"{self.store_key}-live-{count}", thread, handle,
                                         name, now, self.rng.choice(FOLLOW_UPS[self.language])))
        return Fetched(messages, str(count))

    def send(self, reply: Outgoing) -> str | None:
        survey = "1" in reply.text and "5" in reply.text  # "reply with a score from 1 to 5"
        if reply.thread_id and reply.handle and self.rng.random() < (0.6 if survey else 0.3):
            name = next((n for t, h, n in self.threads if t == reply.thread_id), reply.handle)
            text = self.rng.choice((SCORES if survey else ANSWERS)[self.language])
            self._pending_answers.append((reply.thread_id, reply.handle, name, text))
        return f"{self.store_key}-sent-{reply.message_id}"
