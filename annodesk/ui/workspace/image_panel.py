"""The workspace's image panel: brightness, contrast and saturation of the frame (50–200 %, as CVAT's filters)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QSlider, QWidget

from .canvas import AnnotationCanvas

STEPS = (50, 200, 100)  # minimum, maximum, neutral (per cent)


class ImagePanel(QWidget):
    """Three sliders bound to ``canvas``'s adjustments, and a Reset button."""

    def __init__(self, canvas: AnnotationCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.sliders: dict[str, QSlider] = {}
        self.titles: dict[str, QLabel] = {}
        form = QFormLayout(self)
        for name in ("brightness", "contrast", "saturation"):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(STEPS[0], STEPS[1])
            slider.setValue(STEPS[2])
            slider.setPageStep(10)
            slider.valueChanged.connect(self._apply)
            title = QLabel()
            title.setBuddy(slider)
            form.addRow(title, slider)
            self.sliders[name], self.titles[name] = slider, title
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset)
        form.addRow(self.reset_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.titles["brightness"].setText(self.tr("&Brightness:"))
        self.titles["contrast"].setText(self.tr("C&ontrast:"))
        self.titles["saturation"].setText(self.tr("S&aturation:"))
        self.reset_button.setText(self.tr("Reset"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def reset(self) -> None:
        for slider in self.sliders.values():
            slider.setValue(STEPS[2])

    def _apply(self) -> None:
        values = {name: slider.value() / 100 for name, slider in self.sliders.items()}
        self.canvas.set_adjustments(values["brightness"], values["contrast"], values["saturation"])
