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
# # BN 如何帮助优化？
#
# 批归一化（Batch Normalization，BN）的原论文把它的效果归因于减少“内部协变量偏移”：每层输入的分布稳定了，训练就快了。Santurkar 等人（2018，*How Does Batch Normalization Help Optimization?*）用两个实验质疑这个解释。这个笔记本在一个小网络上定性地重做这两个实验（详见[归一化](../../normalization/)一页）。每个单元格都在构建网站时执行。
#
# 每个 BN 层对一个通道的批内数值做标准化，再做仿射变换：
#
# $$
# \mathrm{BN}(z) = \gamma \, \frac{z - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}} + \beta .
# $$
#
# **实验一**：在 BN 后面加噪声 $y \mapsto s \odot y + m$，每个通道的尺度 $s$ 和平移 $m$ 每一步重新随机抽取，整批样本共用（论文则给每个样本的每个激活值独立抽取噪声）。每层输入的均值和方差又不稳定了，BN 还剩多少好处？
#
# **实验二**：训练过程中，沿当前梯度 $g$ 试几个步长 $\eta$，看损失变化多大：
#
# $$
# \Delta(\theta) = \max_{\eta} L(\theta - \eta g) - \min_{\eta} L(\theta - \eta g) .
# $$
#
# $\Delta$ 越小，沿梯度方向的损失曲面越平滑，大步长越安全。

# %%
import matplotlib.pyplot as plt
import numpy as np

from snippets.dl.bn_experiment import (
    ExperimentConfig,
    fraction_of_gain_kept,
    losses_along_gradient_at_init,
    run_experiment,
    summarize,
)

config = ExperimentConfig()
print(f"layer sizes: {config.layer_sizes}\n"
      f"samples: {config.num_samples}  batch: {config.batch_size}  steps: {config.steps}  "
      f"learning rate: {config.learning_rate}")

# %% [markdown]
# ## 三种变体，同样的数据和初始权重
#
# 无 BN（standard）、BN（batch_norm）、BN 加噪声（noisy_batch_norm）。下表是前 100 步和最后 30 步的平均小批量损失，以及损失变化 $\Delta$ 的中位数和最大值。最后一行是加噪声的 BN 保留了 BN 相对无 BN 的降幅的多少。

# %%
results = run_experiment(config)
summary = summarize(results)
table = [f"{'variant':18s}{'early loss':>12s}{'final loss':>12s}{'median Δ':>11s}{'max Δ':>10s}"]
for variant, row in summary.items():
    table.append(f"{variant:18s}{row['early_loss']:12.3f}{row['final_loss']:12.3f}"
                 f"{row['median_loss_variation']:11.3f}{row['max_loss_variation']:10.3f}")
kept = {statistic: fraction_of_gain_kept(summary, statistic) for statistic in ("early_loss", "final_loss")}
table.append(f"\nnoisy_batch_norm keeps {kept['early_loss']:.0%} of batch_norm's gain over standard "
             f"in the early loss, {kept['final_loss']:.0%} in the final loss")
print("\n".join(table))

# %% alt="两幅图，每种变体（standard、batch_norm、noisy_batch_norm）一条线，横轴是训练步数。左：小批量损失（10 步平均，对数坐标），batch_norm 最低，noisy_batch_norm 居中，standard 最高。右：沿梯度方向的损失变化（对数坐标），standard 上下跳动几个数量级，两种 BN 变体的波动范围窄得多。"
styles = {"standard": "#1f77b4", "batch_norm": "#d62728", "noisy_batch_norm": "#2ca02c"}
window = 10
fig, (loss_ax, variation_ax) = plt.subplots(1, 2, figsize=(9.0, 3.4), layout="constrained")
for variant, result in results.items():
    steps = np.arange(len(result.losses))
    smoothed = np.convolve(result.losses, np.ones(window) / window, mode="valid")
    loss_ax.plot(steps[window - 1:], smoothed, color=styles[variant], label=variant)
    variation_ax.semilogy(result.probe_steps, result.loss_variation, marker="o", markersize=3,
                          color=styles[variant], label=variant)
loss_ax.set(xlabel="step", ylabel="mini-batch loss (10-step mean)", yscale="log")
variation_ax.set(xlabel="step", ylabel="loss variation along the gradient")
loss_ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# 左图：BN 训练得最快；加了噪声之后仍然好于无 BN，但只保留了 BN 的一部分好处，最终损失上保留得更少（见表格最后一行）。右图：无 BN 的网络沿梯度方向的损失变化上下跳动好几个数量级，时而很小、时而出现大尖峰；两个 BN 变体的变化范围窄得多，表里的中位数和最大值也都更小。

# %% [markdown]
# ## 初始化时沿梯度方向看一眼
#
# 在第 0 步取同一个小批量，沿负梯度方向把步长从 0 一直加到学习率的 4 倍，画出损失。

# %% alt="初始化时的小批量损失（对数坐标）随沿负梯度方向的步长变化，每种变体一条线，点线竖线标出学习率。无 BN 时损失在最小的几个步长上略降，随后急剧上升；两种 BN 变体的损失始终较低，只缓慢上升。"
step_sizes = np.linspace(0.0, 4 * config.learning_rate, 41)

fig, ax = plt.subplots(figsize=(6.4, 3.4))
for variant in results:
    losses = losses_along_gradient_at_init(variant, step_sizes, config)
    ax.semilogy(step_sizes, losses, color=styles[variant], label=variant)
ax.axvline(config.learning_rate, color="0.6", linewidth=0.8, linestyle=":")
ax.set(xlabel="step size along the negative gradient", ylabel="mini-batch loss")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# 无 BN 的网络只在很小的步长内损失继续下降，到训练用的学习率（点线）处已经回升，步长再大，损失急剧上升。有 BN 时曲线平缓得多：损失在宽得多的步长范围内都低于起点，最低点也更靠近训练用的学习率，所以较大的学习率不容易出问题。
#
# ## 这个小实验能说明什么、不能说明什么
#
# - **能说明**：在这个设置里，BN 后面加上每步都变的噪声，破坏了每层输入分布的稳定，网络仍然比无 BN 训练得好，只是保留了 BN 的一部分好处；同时，有 BN 时沿梯度方向的损失变化小得多。这和 Santurkar 等人的结论方向一致：稳定的分布不是 BN 好处的全部。
# - **和论文不同**：这里加噪声的 BN 比普通 BN 差不少，论文里两者几乎一样。这里的噪声每个通道每步只有一个尺度和一个平移，整批样本共用；论文对每个激活值独立抽取噪声。差别是否来自这一点，这个实验分不清。
# - **不能说明**：这是合成数据上的小型全连接网络，只有一个学习率；这里只跑了一个种子（测试检查了 5 个种子上的排序）；$\Delta$ 只沿梯度一个方向、在几个步长上测量。它不是论文里 CIFAR-10 上的卷积网络实验，也没有测量内部协变量偏移本身。
