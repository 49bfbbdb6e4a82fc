# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # NMS and mAP walk-through
#
# This notebook uses two of the chapter's tools together: [non-maximum suppression](../../nms/) on a set of synthetic detections, then `coco_map`, equal to pycocotools to the last bit, to see how the [metrics](../../metrics/) move. Every cell runs when the site is built.
#
# The synthetic detector finds each object with probability 0.85, with a box whose position and size are off by about 5 %; about one found object in five also gets a second, duplicate box, scored below the first nine times in ten, which is what NMS is for; and each image has a few random false positives.

# %%
import matplotlib.pyplot as plt
import numpy as np

from snippets.vision.metrics import coco_map, nms_per_image, pr_curve
from snippets.vision.synthetic import synthetic_coco

ground_truth, detections = synthetic_coco(seed=1, num_images=50, num_categories=3, max_objects=8, jitter=0.05)
print(f"images: {len(ground_truth['images'])}  objects: {len(ground_truth['annotations'])}  "
      f"detections: {len(detections)}")

# %% [markdown]
# ## On one image
#
# Green: ground-truth boxes; dashed grey: all detections before NMS; red: the boxes left by class-aware NMS at IoU threshold 0.5.

# %% alt="The image with the most detections, its 640 by 480 frame: ground-truth boxes in thick green, every detection before NMS in dashed grey, and in red the boxes that class-aware NMS at IoU threshold 0.5 keeps; the dashed duplicates with no red box over them are the ones NMS removed."
image_id = max(ground_truth["images"], key=lambda image: sum(d["image_id"] == image["id"] for d in detections))["id"]
kept = nms_per_image(detections, iou_threshold=0.5)


def draw(ax, boxes, **style):
    for x, y, w, h in boxes:
        ax.add_patch(plt.Rectangle((x, y), w, h, fill=False, **style))


fig, ax = plt.subplots(figsize=(6.4, 4.8))
draw(ax, [a["bbox"] for a in ground_truth["annotations"] if a["image_id"] == image_id], color="#2ca02c", linewidth=2.5)
draw(ax, [d["bbox"] for d in detections if d["image_id"] == image_id], color="0.5", linestyle="--")
draw(ax, [d["bbox"] for d in kept if d["image_id"] == image_id], color="#d62728", linewidth=1.2)
ax.set(xlim=(0, 640), ylim=(480, 0), aspect="equal", title=f"image {image_id}")
plt.show()

# %% [markdown]
# ## mAP against the NMS threshold
#
# Class-aware NMS at each threshold, then COCO's three numbers. Threshold 1 deletes nothing: the same as no NMS.

# %%
rows = [f"{'threshold':>10s}{'kept':>7s}{'AP':>8s}{'AP50':>8s}{'AP75':>8s}"]
for threshold in (0.1, 0.3, 0.5, 0.7, 1.0):
    result = coco_map(ground_truth, nms_per_image(detections, threshold))
    rows.append(f"{threshold:>10.1f}{len(nms_per_image(detections, threshold)):>7d}"
                + "".join(f"{value:>8.3f}" for value in result))
print("\n".join(rows))

# %% [markdown]
# At threshold 0.5, AP50 is higher than without NMS: the duplicates were false positives, and precision rises without them. At 0.1 it is lower than without NMS: different objects that overlap are deleted too, and recall drops. The changes are small because the duplicates in this data mostly have low scores and sit towards the end of the PR curve anyway.
#
# Below, the PR curve of class 1 at IoU 0.5: with the duplicates removed by NMS, the second half of the curve has higher precision.

# %% alt="Precision (its envelope) against recall for class 1 at IoU 0.5, as step curves: one without NMS, one with NMS at 0.5. They coincide at first; over the second half the curve with NMS lies higher."
fig, ax = plt.subplots(figsize=(6.4, 3.6))
for label, current in (("no NMS", detections), ("NMS 0.5", kept)):
    recall, precision = pr_curve(ground_truth, current, category_id=1, iou_threshold=0.5)
    ax.plot(recall, np.maximum.accumulate(precision[::-1])[::-1], drawstyle="steps-pre", label=label)
ax.set(xlabel="recall", ylabel="precision (envelope)", xlim=(0, 1), ylim=(0, 1.02))
ax.legend()
plt.show()
