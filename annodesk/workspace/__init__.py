"""The annotation workspace's widget-free parts (QtCore/QtGui only, never QtWidgets): the frames of a job."""
