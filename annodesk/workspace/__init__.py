"""The annotation workspace's widget-free layer (QtCore/QtGui only, never QtWidgets): what the canvas draws, the
frames of a job, and the controller's state."""
