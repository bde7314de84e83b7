"""The annotation workspace's widgets: the canvas that shows a frame and its objects, the window over a job, its
panels and navigation, and opening jobs."""
