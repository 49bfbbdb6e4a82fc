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
# # How does batch norm help optimization?
#
# The original batch-norm paper attributes its effect to a reduction of "internal covariate shift": once the distribution of each layer's inputs is stable, training is fast. Santurkar et al. (2018, *How Does Batch Normalization Help Optimization?*) question this explanation with two experiments. This notebook redoes both, qualitatively, on a small network (details on the [normalization](../../normalization/) page). Every cell runs when the site is built.
#
# Each BN layer standardizes a channel's values within the batch, then applies an affine map:
#
# $$
# \mathrm{BN}(z) = \gamma \, \frac{z - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}} + \beta .
# $$
#
# **Experiment 1**: add noise after BN, $y \mapsto s \odot y + m$, with a per-channel scale $s$ and shift $m$ drawn anew at every step and shared by the whole batch (the paper draws the noise independently for every activation of every sample). The mean and variance of each layer's inputs are unstable again; how much of BN's benefit is left?
#
# **Experiment 2**: during training, try several step sizes $\eta$ along the current gradient $g$ and see how much the loss changes:
#
# $$
# \Delta(\theta) = \max_{\eta} L(\theta - \eta g) - \min_{\eta} L(\theta - \eta g) .
# $$
#
# The smaller $\Delta$, the smoother the loss along the gradient, and the safer a large step.

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
# ## Three variants, same data and initial weights
#
# Without BN (standard), with BN (batch_norm), and with BN plus noise (noisy_batch_norm). The table gives the mean mini-batch loss over the first 100 and the last 30 steps, and the median and largest loss variation $\Delta$. The last line gives how much of BN's improvement over the standard network the noisy variant keeps.

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

# %% alt="Two panels, one line per variant (standard, batch_norm, noisy_batch_norm), against the training step. Left: the mini-batch loss, a 10-step mean on a log scale; batch_norm is lowest, noisy_batch_norm in between, standard highest. Right: the loss variation along the gradient, log scale; standard swings over several orders of magnitude, both BN variants stay in a much narrower band."
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
# Left: BN trains fastest; with noise the network still does better than without BN, but keeps only part of BN's benefit, less of it in the final loss (see the last line of the table). Right: without BN, the loss variation along the gradient jumps over several orders of magnitude, sometimes very small and sometimes spiking; both BN variants stay in a much narrower band, and their median and largest values in the table are smaller too.

# %% [markdown]
# ## A look along the gradient at initialization
#
# At step 0, take one mini-batch, move along the negative gradient with step sizes from 0 up to four times the learning rate, and plot the loss.

# %% alt="The mini-batch loss at initialization (log scale) against the step size along the negative gradient, one line per variant, with a dotted vertical line at the learning rate. Without BN the loss dips for the smallest steps, then climbs steeply; with either BN variant it stays low and rises only slowly."
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
# Without BN the loss keeps falling only for very small steps; at the learning rate used in training (the dotted line) it is already rising again, and for larger steps it climbs steeply. With BN the curves are much flatter: the loss stays below its starting value over a much wider range of steps, and its minimum lies closer to the learning rate used in training, so a larger learning rate is less likely to go wrong.
#
# ## What this small experiment can and cannot show
#
# - **It shows** that in this setting, noise after BN that changes at every step, destroying the stable distribution of each layer's inputs, still leaves the network training better than without BN, though with only part of BN's benefit; and that with BN the loss varies much less along the gradient. This points the same way as Santurkar et al.: a stable distribution is not all that BN provides.
# - **Unlike the paper**, BN with noise does clearly worse than plain BN here; in the paper the two are almost the same. The noise here is one scale and one shift per channel and step, shared by the whole batch; the paper draws it independently for every activation. Whether the difference comes from this, the experiment cannot tell.
# - **It cannot show** more than a small fully connected network on synthetic data at one learning rate can; this notebook runs a single seed (the tests check the ordering on 5 seeds); and $\Delta$ is measured along one direction, the gradient, at a handful of step sizes. It is not the paper's convolutional networks on CIFAR-10, and it does not measure internal covariate shift itself.
