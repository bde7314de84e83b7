"""The annotation workspace's widget-free layer: what the canvas draws, frames, and the controller's state."""
