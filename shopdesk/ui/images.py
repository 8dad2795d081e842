"""Images shown large (a click on a thumbnail) and chosen from disk; an e-mail's original."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QTextBrowser, QVBoxLayout, QWidget


def image_viewer(parent: QWidget, data: bytes) -> QDialog:
    """A non-modal window with the image, scaled down to fit the screen; already open."""
    viewer = QDialog(parent)
    viewer.setObjectName("imageViewer")
    viewer.setWindowTitle(QCoreApplication.translate("Images", "Image"))
    label = QLabel()
    pixmap = QPixmap.fromImage(QImage.fromData(data))
    screen = parent.screen().availableGeometry().size() * 0.8
    if pixmap.width() > screen.width() or pixmap.height() > screen.height():
        pixmap = pixmap.scaled(screen, Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)
    label.setPixmap(pixmap)
    layout = QVBoxLayout(viewer)
    layout.addWidget(label)
    viewer.open()
    return viewer


# The originals the e-mail channel keeps beside a message: its HTML, or the raw mail.
ORIGINALS = ("text/html", "message/rfc822")


def original_viewer(parent: QWidget, mime: str, data: bytes) -> QDialog:
    """An e-mail as it came: the HTML rendered (remote images are not fetched), or the raw
    mail as text. Non-modal, already open."""
    viewer = QDialog(parent)
    viewer.setObjectName("originalViewer")
    viewer.setWindowTitle(QCoreApplication.translate("Images", "Original e-mail"))
    view = QTextBrowser()
    view.setOpenExternalLinks(False)
    view.setOpenLinks(False)
    text = data.decode("utf-8", "replace")
    if mime == "text/html":
        view.setHtml(text)
    else:
        view.setPlainText(text)
    layout = QVBoxLayout(viewer)
    layout.addWidget(view)
    viewer.resize(720, 560)
    viewer.open()
    return viewer


def choose_images(parent: QWidget) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent, QCoreApplication.translate("Images", "Choose images"), "",
        QCoreApplication.translate("Images", "Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)"))
    return [Path(p) for p in paths]


def read_image(path: Path) -> tuple[str, str, bytes]:
    """(file name, MIME type, bytes) of an image file; OSError when it cannot be read."""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return path.name, mime, path.read_bytes()
