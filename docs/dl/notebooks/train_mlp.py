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
# # 训练一个小网络
#
# 这个笔记本用[反向传播](../../backprop/)一页里的 `MLP` 训练一个两层隐藏层的小网络。每个单元格都在构建网站时执行。
#
# 数据是二维输入 $x \sim U[-1, 1]^2$，两个回归目标：
#
# $$
# t = \big( \sin(\pi x_1) \cos x_2,\; x_1 x_2 \big).
# $$
#
# 损失是所有输出分量上的均方误差，训练用全批量梯度下降：
#
# $$
# l(\theta) = \frac{1}{2N} \sum_{n=1}^{N} \big\lVert y_n - t_n \big\rVert^2,
# \qquad
# \theta \leftarrow \theta - \eta \, \frac{\partial l}{\partial \theta}.
# $$

# %%
import matplotlib.pyplot as plt

from snippets.dl.backprop import MLP, gradient_check, make_regression_data, train

x, target = make_regression_data(num_samples=128, seed=0)
print(f"inputs: {x.shape}  targets: {target.shape}")

# %% [markdown]
# ## 先检查梯度
#
# 训练之前，先把反向传播算出的梯度和中心差分比较。输出的是所有参数中最大的相对误差，它应当远小于 1。

# %%
small = MLP([2, 16, 16, 2], activation="tanh", seed=0)
print(f"largest relative error: {gradient_check(small, x[:16], target[:16]):.1e}")

# %% [markdown]
# ## 四种激活函数，同一个网络
#
# 网络结构是 `[2, 16, 16, 2]`，用同一个随机种子初始化，学习率 $\eta = 0.5$，训练 1000 步。只换隐藏层的激活函数。

# %%
activations = ["sigmoid", "tanh", "relu", "gelu"]
models, histories = {}, {}
for activation in activations:
    models[activation] = MLP([2, 16, 16, 2], activation=activation, seed=0)
    histories[activation] = train(models[activation], x, target, learning_rate=0.5, steps=1000)
summary = [f"{name:8s} loss: {history[0]:.4f} -> {history[-1]:.4f}" for name, history in histories.items()]
print("\n".join(summary))

# %% alt="sigmoid、tanh、relu、gelu 四种激活函数的训练损失（MSE，对数坐标）随训练步数的变化。sigmoid 始终最高，最初几步之后几乎不再下降；tanh 降得更低但来回振荡；relu 平稳下降；gelu 最终最低，中途有几次短暂的尖峰。"
fig, ax = plt.subplots(figsize=(6.4, 3.6))
for activation, history in histories.items():
    ax.semilogy(history, label=activation)
ax.set(xlabel="step", ylabel="training loss (MSE)")
ax.legend()
plt.show()

# %% [markdown]
# 在这个例子里，sigmoid 网络的损失下降得最慢：它的导数最大只有 $1/4$，而且输出不以 0 为中心。ReLU 和 GELU 网络最后的损失最低。这只是一个数据集、一个种子、一个学习率上的结果，不能当作普遍结论；学习率对 sigmoid 网络来说可能偏小。

# %% [markdown]
# ## 拟合得怎么样？
#
# 把 GELU 网络的预测和目标画在一起：点越靠近对角线，拟合越好。

# %% alt="两幅散点图，每个输出一幅：训练后网络的预测值对目标值；点都紧贴灰色对角线（预测值等于目标值）。"
prediction = models["gelu"].forward(x).a[-1]
fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.4))
for k, ax in enumerate(axes):
    ax.scatter(target[:, k], prediction[:, k], s=8)
    ax.plot([-1, 1], [-1, 1], color="0.6", linewidth=0.8)
    ax.set(xlabel=f"target {k + 1}", ylabel=f"prediction {k + 1}", aspect="equal")
plt.show()
