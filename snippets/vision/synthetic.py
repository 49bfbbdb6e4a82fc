"""Seeded synthetic data for the perception chapter: a small COCO-style detection set and a lidar scan."""

from __future__ import annotations

from typing import Any

import numpy as np


def synthetic_coco(seed: int, num_images: int = 20, num_categories: int = 3, max_objects: int = 6,
                   width: float = 640.0, height: float = 480.0, jitter: float = 0.1,
                   ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Ground truth in COCO's format and the detections of an imperfect detector.

    Each object is found with probability 0.85 by a box jittered by `jitter` times its size; some
    are found twice (a lower-scored duplicate, what NMS would remove), some detections get the
    wrong class, and each image has a few false positives. Scores have 2 decimals, so ties occur.
    """
    rng = np.random.default_rng(seed)
    images = [{"id": i + 1, "width": width, "height": height} for i in range(num_images)]
    categories = [{"id": c + 1, "name": f"class{c + 1}"} for c in range(num_categories)]
    annotations: list[dict[str, Any]] = []
    detections: list[dict[str, Any]] = []

    def box_near(x: float, y: float, w: float, h: float, spread: float) -> list[float]:
        dx, dy = rng.normal(0.0, spread * w), rng.normal(0.0, spread * h)
        dw, dh = np.exp(rng.normal(0.0, spread, 2))
        return [round(float(v), 1) for v in (x + dx, y + dy, w * dw, h * dh)]

    for image in images:
        for _ in range(int(rng.integers(0, max_objects + 1))):
            w, h = rng.uniform(10, 200), rng.uniform(10, 200)
            x, y = rng.uniform(0, width - w), rng.uniform(0, height - h)
            bbox = [round(float(v), 1) for v in (x, y, w, h)]
            category = int(rng.integers(1, num_categories + 1))
            annotations.append({"id": len(annotations) + 1, "image_id": image["id"], "category_id": category,
                                "bbox": bbox, "area": bbox[2] * bbox[3], "iscrowd": 0})
            if rng.uniform() < 0.85:
                label = category if rng.uniform() < 0.9 else int(rng.integers(1, num_categories + 1))
                detections.append({"image_id": image["id"], "category_id": label, "bbox": box_near(*bbox, jitter),
                                   "score": round(float(rng.uniform(0.3, 1.0)), 2)})
                if rng.uniform() < 0.2:
                    detections.append({"image_id": image["id"], "category_id": label,
                                       "bbox": box_near(*bbox, 1.5 * jitter), "score": round(float(rng.uniform(0.05, 0.6)), 2)})
        for _ in range(int(rng.integers(0, 4))):
            w, h = rng.uniform(10, 150), rng.uniform(10, 150)
            detections.append({"image_id": image["id"], "category_id": int(rng.integers(1, num_categories + 1)),
                               "bbox": [round(float(v), 1) for v in (rng.uniform(0, width - w), rng.uniform(0, height - h), w, h)],
                               "score": round(float(rng.uniform(0.0, 0.7)), 2)})
    return {"images": images, "annotations": annotations, "categories": categories}, detections


def synthetic_lidar_scan(seed: int = 0) -> np.ndarray:
    """Points (N, 3) in a vehicle frame (x forward, y left, z up, metres): a flat road, two vehicles, a wall.

    A 16-beam scanner turning all around at 1.8 m height; each ray stops at the ground, a box or the wall.
    """
    rng = np.random.default_rng(seed)
    elevations = np.deg2rad(np.linspace(-15.0, 1.0, 16))
    azimuths = np.deg2rad(np.arange(-180.0, 180.0, 0.5))
    el, az = np.meshgrid(elevations, azimuths, indexing="ij")
    direction = np.stack([np.cos(el) * np.cos(az), np.cos(el) * np.sin(az), np.sin(el)], axis=-1).reshape(-1, 3)
    origin = np.array([0.0, 0.0, 1.8])
    obstacles = [  # axis-aligned boxes: (x_min, x_max, y_min, y_max, z_max)
        (12.0, 16.5, -3.0, -1.2, 1.6),   # a car ahead on the right
        (22.0, 26.0, 1.5, 3.4, 2.8),     # a van ahead on the left
        (40.0, 41.0, -30.0, 30.0, 6.0),  # a wall far ahead
    ]
    distance = np.full(len(direction), np.inf)
    down = direction[:, 2] < 0
    distance[down] = -origin[2] / direction[down, 2]       # where the ray meets the ground z = 0
    for x0, x1, y0, y1, z1 in obstacles:                    # slab test for each box
        lower = np.array([x0, y0, 0.0]) - origin
        upper = np.array([x1, y1, z1]) - origin
        with np.errstate(divide="ignore", invalid="ignore"):
            t0, t1 = lower / direction, upper / direction
        near = np.nanmax(np.minimum(t0, t1), axis=1)
        far = np.nanmin(np.maximum(t0, t1), axis=1)
        hit = (near <= far) & (near > 0)
        distance = np.where(hit & (near < distance), near, distance)
    keep = np.isfinite(distance) & (distance < 60.0)
    ranges = distance[keep] + rng.normal(0.0, 0.02, keep.sum())  # 2 cm range noise
    return origin + direction[keep] * ranges[:, None]
