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
# # NMS 与 mAP 演练
#
# 这个笔记本把本章的两件工具放在一起用：在一组合成的检测结果上做[非极大值抑制](../../nms/)，再用和 pycocotools 逐位相等的 `coco_map` 看[评价指标](../../metrics/)怎样变化。每个单元格都在构建网站时执行。
#
# 合成的检测器在每个目标上以 0.85 的概率输出一个位置和大小带约 5% 随机误差的框；找到的目标里约五分之一还会得到第二个重复框，它的分数约九成的情况下比原来的框低，这正是 NMS 要去掉的；另外每张图还有几个随机的误检。

# %%
import matplotlib.pyplot as plt
import numpy as np

from snippets.vision.metrics import coco_map, nms_per_image, pr_curve
from snippets.vision.synthetic import synthetic_coco

ground_truth, detections = synthetic_coco(seed=1, num_images=50, num_categories=3, max_objects=8, jitter=0.05)
print(f"images: {len(ground_truth['images'])}  objects: {len(ground_truth['annotations'])}  "
      f"detections: {len(detections)}")

# %% [markdown]
# ## 一张图上的效果
#
# 绿色是真实框，灰色虚线是 NMS 之前的全部检测框，红色是 IoU 阈值 0.5 的按类别 NMS 之后留下的框。

# %% alt="检测框最多的那张图（640 × 480）：粗绿框是真值框，灰色虚线框是 NMS 之前的全部检测，红框是 IoU 阈值 0.5 的按类别 NMS 保留下来的框；上面没有红框的虚线重复框，就是被 NMS 删掉的。"
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
# ## mAP 随 NMS 阈值的变化
#
# 对每个阈值做一次按类别的 NMS，再算 COCO 的三个指标。阈值 1 什么都不删，等于不做 NMS。

# %%
rows = [f"{'threshold':>10s}{'kept':>7s}{'AP':>8s}{'AP50':>8s}{'AP75':>8s}"]
for threshold in (0.1, 0.3, 0.5, 0.7, 1.0):
    result = coco_map(ground_truth, nms_per_image(detections, threshold))
    rows.append(f"{threshold:>10.1f}{len(nms_per_image(detections, threshold)):>7d}"
                + "".join(f"{value:>8.3f}" for value in result))
print("\n".join(rows))

# %% [markdown]
# 阈值 0.5 的 AP50 比不做 NMS 时高：重复框本来是误检，去掉之后精确率上升。阈值降到 0.1 反而比不做 NMS 还低：互相重叠的不同目标也被删掉了，召回率下降。变化都不大，因为这组数据里的重复框大多分数较低，本来就排在 PR 曲线靠后的位置。
#
# 下面是第 1 类在 IoU 0.5 下的 PR 曲线：NMS 去掉重复框后，曲线后半段的精确率更高。

# %% alt="类别 1、IoU 0.5 时的 PR 曲线（精度取包络），阶梯状：一条不做 NMS，一条做阈值 0.5 的 NMS。两条曲线前半段重合，后半段做了 NMS 的那条更高。"
fig, ax = plt.subplots(figsize=(6.4, 3.6))
for label, current in (("no NMS", detections), ("NMS 0.5", kept)):
    recall, precision = pr_curve(ground_truth, current, category_id=1, iou_threshold=0.5)
    ax.plot(recall, np.maximum.accumulate(precision[::-1])[::-1], drawstyle="steps-pre", label=label)
ax.set(xlabel="recall", ylabel="precision (envelope)", xlim=(0, 1), ylim=(0, 1.02))
ax.legend()
plt.show()
