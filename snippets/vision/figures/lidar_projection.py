"""A synthetic lidar scan from above (left) and projected into the forward camera (right), coloured by depth."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.vision.camera import (
    CAMERA_POSITION,
    IMAGE_SIZE,
    K_EXAMPLE,
    R_CAMERA_FROM_VEHICLE,
    T_CAMERA_FROM_VEHICLE,
    project_points,
)
from snippets.vision.figures import freeze_layout, new_figure
from snippets.vision.synthetic import synthetic_lidar_scan


def draw() -> Figure:
    points = synthetic_lidar_scan()
    pixels, in_front = project_points(points, K_EXAMPLE, R_CAMERA_FROM_VEHICLE, T_CAMERA_FROM_VEHICLE)
    width, height = IMAGE_SIZE
    inside = in_front & (pixels[:, 0] >= 0) & (pixels[:, 0] < width) & (pixels[:, 1] >= 0) & (pixels[:, 1] < height)
    depth = (points - CAMERA_POSITION) @ R_CAMERA_FROM_VEHICLE[2]   # z in the camera frame

    figure = new_figure((9.0, 3.6))
    top, image = figure.subplots(1, 2, width_ratios=[1, 1.6])
    top.scatter(-points[~inside, 1], points[~inside, 0], s=0.5, color="0.75", rasterized=True)
    top.scatter(-points[inside, 1], points[inside, 0], s=0.5, c=depth[inside], cmap="viridis",
                vmin=0, vmax=40, rasterized=True)
    half_angle = np.arctan(K_EXAMPLE[0, 2] / K_EXAMPLE[0, 0])
    for side in (-1, 1):
        top.plot([0, side * 45 * np.tan(half_angle)], [CAMERA_POSITION[0], CAMERA_POSITION[0] + 45],
                 color="k", linewidth=0.8, linestyle="--")
    top.plot([0], [CAMERA_POSITION[0]], marker="^", color="k")
    top.set(xlim=(-25, 25), ylim=(-20, 45), aspect="equal", xlabel="-y (m)", ylabel="x (m)")
    shown = image.scatter(pixels[inside, 0], pixels[inside, 1], s=1.0, c=depth[inside], cmap="viridis",
                          vmin=0, vmax=40, rasterized=True)
    image.set(xlim=(0, width), ylim=(height, 0), aspect="equal", xlabel="u (px)", ylabel="v (px)")
    image.set_facecolor("0.95")
    figure.colorbar(shown, ax=image, label="depth z (m)", shrink=0.8)
    return freeze_layout(figure)
