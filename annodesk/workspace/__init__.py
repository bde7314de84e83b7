"""The annotation workspace's widget-free layer (QtCore/QtGui only, never QtWidgets): the frames of a job, what the
canvas draws, the job controller, the objects of a frame and playback's frame clock."""
