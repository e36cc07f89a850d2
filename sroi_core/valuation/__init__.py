"""Line-level valuation: placeholder while modules are written."""
