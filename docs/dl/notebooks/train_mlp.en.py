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
# # Training a small network
#
# This notebook trains a small network with two hidden layers, using the `MLP` of the [backpropagation](../../backprop/) page. Every cell runs when the site is built.
#
# The inputs are two-dimensional, $x \sim U[-1, 1]^2$, with two regression targets:
#
# $$
# t = \big( \sin(\pi x_1) \cos x_2,\; x_1 x_2 \big).
# $$
#
# The loss is the mean squared error over all output components, and training is full-batch gradient descent:
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
# ## Check the gradients first
#
# Before training, compare the gradients from backpropagation with central differences. The output is the largest relative error over all parameters, which should be far below 1.

# %%
small = MLP([2, 16, 16, 2], activation="tanh", seed=0)
print(f"largest relative error: {gradient_check(small, x[:16], target[:16]):.1e}")

# %% [markdown]
# ## Four activation functions, one network
#
# The network is `[2, 16, 16, 2]`, initialized with the same random seed, trained for 1000 steps at learning rate $\eta = 0.5$. Only the activation function of the hidden layers changes.

# %%
activations = ["sigmoid", "tanh", "relu", "gelu"]
models, histories = {}, {}
for activation in activations:
    models[activation] = MLP([2, 16, 16, 2], activation=activation, seed=0)
    histories[activation] = train(models[activation], x, target, learning_rate=0.5, steps=1000)
summary = [f"{name:8s} loss: {history[0]:.4f} -> {history[-1]:.4f}" for name, history in histories.items()]
print("\n".join(summary))

# %% alt="The training loss (MSE, log scale) against the step for sigmoid, tanh, relu and gelu. Sigmoid stays highest and barely improves after the first steps; tanh falls further but oscillates; relu falls steadily; gelu ends lowest, with a few brief spikes."
fig, ax = plt.subplots(figsize=(6.4, 3.6))
for activation, history in histories.items():
    ax.semilogy(history, label=activation)
ax.set(xlabel="step", ylabel="training loss (MSE)")
ax.legend()
plt.show()

# %% [markdown]
# In this example the sigmoid network's loss falls most slowly: its derivative is at most $1/4$, and its outputs are not zero-centered. The ReLU and GELU networks end with the lowest loss. This is one data set, one seed and one learning rate, not a general conclusion; the learning rate may well be too small for the sigmoid network.

# %% [markdown]
# ## How good is the fit?
#
# Plot the GELU network's predictions against the targets: the closer the points lie to the diagonal, the better the fit.

# %% alt="Two scatter plots, one per output, of the trained network's prediction against the target; the points lie close to the grey diagonal, where prediction equals target."
prediction = models["gelu"].forward(x).a[-1]
fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.4))
for k, ax in enumerate(axes):
    ax.scatter(target[:, k], prediction[:, k], s=8)
    ax.plot([-1, 1], [-1, 1], color="0.6", linewidth=0.8)
    ax.set(xlabel=f"target {k + 1}", ylabel=f"prediction {k + 1}", aspect="equal")
plt.show()
