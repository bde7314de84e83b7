"""The annotation workspace's widget-free parts: the job controller, the objects of a frame, playback."""
