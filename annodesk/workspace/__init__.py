"""The annotation workspace's widget-free layer: what the canvas draws, frames, the job controller, the objects of a
frame and playback's frame clock."""
