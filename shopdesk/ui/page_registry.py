"""The main window's pages in navigation order, each built the first time it is shown or
used (the inbox is what a start waits for)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtWidgets import QStackedWidget, QWidget


class PageRegistry:
    """Pages by their index; a placeholder stands in the stack until a page is built.

    ``on_built(page)`` runs once for every page built later (so that it is signed in and
    shows its figures like the others)."""

    def __init__(self, stack: QStackedWidget, first: QWidget,
                 builders: dict[int, Callable[[], QWidget]],
                 on_built: Callable[[QWidget], None]) -> None:
        self.stack = stack
        self._builders = dict(builders)
        self._on_built = on_built
        self.pages: list[QWidget] = [first] + [QWidget() for _ in builders]
        for page in self.pages:
            stack.addWidget(page)

    def __len__(self) -> int:
        return len(self.pages)

    def page(self, index: int) -> QWidget:
        """The page at ``index``, built now if it was not yet."""
        builder = self._builders.pop(index, None)
        if builder is not None:
            placeholder = self.pages[index]
            page = builder()
            self.pages[index] = page
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._on_built(page)
        return self.pages[index]

    def is_built(self, index: int) -> bool:
        return index not in self._builders

    def built(self) -> Iterator[QWidget]:
        """The pages built so far (the others have nothing on screen to update)."""
        return (page for index, page in enumerate(self.pages) if self.is_built(index))
