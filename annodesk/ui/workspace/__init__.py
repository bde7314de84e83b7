"""The annotation workspace's widgets: the canvas that shows a frame and its objects."""
