r"""A small NumPy version of the experiments of Santurkar et al. (2018), *How does batch
normalization help optimization?*

The same 9-layer ReLU network is trained with mini-batch gradient descent, at one fairly large
learning rate, on synthetic data in three variants: without batch norm, with batch norm after
every hidden linear layer, and with batch norm followed by noise $y \mapsto s \odot y + m$ whose
per-channel scale $s$ and shift $m$ are redrawn at every step (non-unit variance, non-zero mean).
The noise takes away the stable distribution of each layer's inputs that batch norm provides;
the noisy network still trains better than the plain one, but keeps only part of batch norm's
lead in the final loss (`fraction_of_gain_kept`), while its loss is about as smooth along the
gradient as with batch norm.

The noise differs from the paper's: here each channel gets one scale and one shift per step,
shared by every sample of the batch; Santurkar et al. perturb every activation of every sample
with i.i.d. noise whose distribution changes at every step.

The smoothness probe follows the paper's "variation of the loss": at several training steps,
take the gradient $g$ of the current mini-batch loss and record
$\max_\eta L(\theta - \eta g) - \min_\eta L(\theta - \eta g)$ over a range of step sizes $\eta$.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from snippets.dl.activations import relu, relu_grad
from snippets.dl.backprop import softmax_cross_entropy
from snippets.dl.normalization import BatchNormCache, batch_norm_backward, batch_norm_forward

VARIANTS = ("standard", "batch_norm", "noisy_batch_norm")


@dataclass(frozen=True)
class ExperimentConfig:
    """Network, data, optimiser and probe settings (the defaults run in under two seconds)."""

    layer_sizes: tuple[int, ...] = (20, 32, 32, 32, 32, 32, 32, 32, 32, 4)
    num_samples: int = 1024
    batch_size: int = 64
    steps: int = 300
    learning_rate: float = 0.6
    noise_shift: float = 0.5
    noise_scale_range: tuple[float, float] = (2.0 / 3.0, 1.5)
    probe_every: int = 10
    probe_step_multiples: tuple[float, ...] = (0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)
    seed: int = 0


@dataclass(frozen=True)
class VariantResult:
    """Mini-batch loss before every step, and the loss variation at the probed steps."""

    losses: np.ndarray
    probe_steps: np.ndarray
    loss_variation: np.ndarray
    step_sizes: np.ndarray = field(repr=False)


# --8<-- [start:data]
def make_classification_data(num_samples: int, input_dim: int, num_classes: int,
                             seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Standard Gaussian inputs labelled by the largest output of a random two-layer tanh teacher network."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(num_samples, input_dim))
    hidden = np.tanh(x @ rng.normal(size=(input_dim, 64)) / np.sqrt(input_dim))
    labels = np.argmax(hidden @ rng.normal(size=(64, num_classes)), axis=1)
    return x, labels
# --8<-- [end:data]


# --8<-- [start:network]
@dataclass
class Noise:
    """Per-channel scale and shift applied after each batch-norm layer during one step, shared by the whole batch."""

    scales: list[np.ndarray]
    shifts: list[np.ndarray]


@dataclass
class Tape:
    """Per hidden layer: its input, its pre-ReLU values and its batch-norm cache; and dl/dlogits."""

    inputs: list[np.ndarray]
    pre_relu: list[np.ndarray]
    bn_caches: list[BatchNormCache]
    noise: Noise | None
    dlogits: np.ndarray


class Network:
    r"""ReLU network whose hidden layers are $a = \mathrm{ReLU}(\mathrm{BN}(W a_{\text{in}}))$ with batch norm,
    or $a = \mathrm{ReLU}(W a_{\text{in}} + b)$ without; the output layer is linear, the loss softmax cross-entropy."""

    def __init__(self, layer_sizes: tuple[int, ...], use_batch_norm: bool, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        self.use_batch_norm = use_batch_norm
        self.weights = [rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))
                        for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
        self.biases = [np.zeros(n_out) for n_out in layer_sizes[1:]]
        hidden_sizes = layer_sizes[1:-1]
        self.gammas = [np.ones(n) for n in hidden_sizes] if use_batch_norm else []
        self.betas = [np.zeros(n) for n in hidden_sizes] if use_batch_norm else []

    def parameters(self) -> list[np.ndarray]:
        """Trainable arrays; a bias followed by batch norm would be cancelled, so those are left out."""
        biases = self.biases[-1:] if self.use_batch_norm else self.biases
        return [*self.weights, *biases, *self.gammas, *self.betas]

    def forward(self, x: np.ndarray, labels: np.ndarray, noise: Noise | None = None) -> tuple[float, Tape]:
        """Mini-batch loss, and what the backward pass needs."""
        tape = Tape(inputs=[], pre_relu=[], bn_caches=[], noise=noise, dlogits=np.empty(0))
        a = x
        for layer, weight in enumerate(self.weights[:-1]):
            tape.inputs.append(a)
            z = a @ weight.T
            if self.use_batch_norm:
                y, cache = batch_norm_forward(z[:, :, None, None], self.gammas[layer], self.betas[layer])
                z = y[:, :, 0, 0]
                tape.bn_caches.append(cache)
                if noise is not None:
                    z = noise.scales[layer] * z + noise.shifts[layer]
            else:
                z = z + self.biases[layer]
            tape.pre_relu.append(z)
            a = relu(z)
        tape.inputs.append(a)
        loss, tape.dlogits = softmax_cross_entropy(a @ self.weights[-1].T + self.biases[-1], labels)
        return loss, tape

    def backward(self, tape: Tape) -> list[np.ndarray]:
        """Gradient of the loss for every array of `parameters()`, in that order."""
        delta = tape.dlogits
        weight_grads = [delta.T @ tape.inputs[-1]]
        bias_grads = [delta.sum(axis=0)]
        gamma_grads, beta_grads = [], []
        for layer in range(len(self.weights) - 2, -1, -1):
            delta = relu_grad(tape.pre_relu[layer]) * (delta @ self.weights[layer + 1])
            if self.use_batch_norm:
                if tape.noise is not None:
                    delta = tape.noise.scales[layer] * delta
                dx, dgamma, dbeta = batch_norm_backward(delta[:, :, None, None], tape.bn_caches[layer])
                delta = dx[:, :, 0, 0]
                gamma_grads.insert(0, dgamma)
                beta_grads.insert(0, dbeta)
            else:
                bias_grads.insert(0, delta.sum(axis=0))
            weight_grads.insert(0, delta.T @ tape.inputs[layer])
        return [*weight_grads, *bias_grads, *gamma_grads, *beta_grads]

    def loss_and_gradients(self, x: np.ndarray, labels: np.ndarray,
                           noise: Noise | None = None) -> tuple[float, list[np.ndarray]]:
        loss, tape = self.forward(x, labels, noise)
        return loss, self.backward(tape)
# --8<-- [end:network]


# --8<-- [start:train]
def draw_noise(network: Network, config: ExperimentConfig, rng: np.random.Generator) -> Noise:
    r"""Fresh per-channel scales $s \sim U[s_{lo}, s_{hi}]$ and shifts $m \sim U[-m_0, m_0]$."""
    low, high = config.noise_scale_range
    return Noise(scales=[rng.uniform(low, high, size=gamma.shape) for gamma in network.gammas],
                 shifts=[rng.uniform(-config.noise_shift, config.noise_shift, size=gamma.shape)
                         for gamma in network.gammas])


# --8<-- [start:loss_variation]
def losses_along_gradient(network: Network, x: np.ndarray, labels: np.ndarray, noise: Noise | None,
                          step_sizes: np.ndarray) -> np.ndarray:
    r"""$L(\theta - \eta g)$ for each step size $\eta$ along the current gradient $g$ (weights restored)."""
    _, gradients = network.loss_and_gradients(x, labels, noise)
    parameters = network.parameters()
    start = [parameter.copy() for parameter in parameters]
    losses = []
    for step_size in step_sizes:
        for parameter, initial, grad in zip(parameters, start, gradients):
            parameter[...] = initial - step_size * grad
        losses.append(network.forward(x, labels, noise)[0])
    for parameter, initial in zip(parameters, start):
        parameter[...] = initial
    return np.array(losses)


def loss_variation(network: Network, x: np.ndarray, labels: np.ndarray, noise: Noise | None,
                   step_sizes: np.ndarray) -> float:
    r"""$\max_\eta L(\theta - \eta g) - \min_\eta L(\theta - \eta g)$ along the current gradient $g$."""
    return float(np.ptp(losses_along_gradient(network, x, labels, noise, step_sizes)))
# --8<-- [end:loss_variation]


def run_variant(variant: str, config: ExperimentConfig = ExperimentConfig()) -> VariantResult:
    """Train one variant with mini-batch gradient descent, probing the loss variation along the way."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose one of {VARIANTS}")
    x, labels = make_classification_data(config.num_samples, config.layer_sizes[0], config.layer_sizes[-1],
                                         config.seed)
    network = Network(config.layer_sizes, use_batch_norm=variant != "standard", seed=config.seed)
    batch_rng = np.random.default_rng(config.seed + 1)
    noise_rng = np.random.default_rng(config.seed + 2)
    step_sizes = config.learning_rate * np.asarray(config.probe_step_multiples)
    losses, probe_steps, variations = np.empty(config.steps), [], []
    for step in range(config.steps):
        batch = batch_rng.choice(config.num_samples, size=config.batch_size, replace=False)
        noise = draw_noise(network, config, noise_rng) if variant == "noisy_batch_norm" else None
        if step % config.probe_every == 0:
            probe_steps.append(step)
            variations.append(loss_variation(network, x[batch], labels[batch], noise, step_sizes))
        losses[step], gradients = network.loss_and_gradients(x[batch], labels[batch], noise)
        for parameter, grad in zip(network.parameters(), gradients):
            parameter -= config.learning_rate * grad
    return VariantResult(losses, np.array(probe_steps), np.array(variations), step_sizes)


def losses_along_gradient_at_init(variant: str, step_sizes: np.ndarray,
                                  config: ExperimentConfig = ExperimentConfig()) -> np.ndarray:
    """The loss along the first mini-batch's negative gradient, at initialization (step 0)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose one of {VARIANTS}")
    x, labels = make_classification_data(config.num_samples, config.layer_sizes[0], config.layer_sizes[-1],
                                         config.seed)
    batch = np.random.default_rng(0).choice(config.num_samples, size=config.batch_size, replace=False)
    network = Network(config.layer_sizes, use_batch_norm=variant != "standard", seed=config.seed)
    noise = draw_noise(network, config, np.random.default_rng(1)) if variant == "noisy_batch_norm" else None
    return losses_along_gradient(network, x[batch], labels[batch], noise, np.asarray(step_sizes))


@functools.lru_cache(maxsize=4)
def run_experiment(config: ExperimentConfig = ExperimentConfig()) -> dict[str, VariantResult]:
    """All three variants on the same data, initial weights and mini-batches (cached per config)."""
    return {variant: run_variant(variant, config) for variant in VARIANTS}


def summarize(results: dict[str, VariantResult], early_steps: int = 100,
              final_steps: int = 30) -> dict[str, dict[str, float]]:
    """Per variant: mean loss over the first `early_steps` and the last `final_steps` steps,
    and the median, mean and largest loss variation over the probes."""
    return {
        variant: {
            "early_loss": float(result.losses[:early_steps].mean()),
            "final_loss": float(result.losses[-final_steps:].mean()),
            "median_loss_variation": float(np.median(result.loss_variation)),
            "mean_loss_variation": float(result.loss_variation.mean()),
            "max_loss_variation": float(result.loss_variation.max()),
        }
        for variant, result in results.items()
    }
# --8<-- [end:train]


def fraction_of_gain_kept(summary: dict[str, dict[str, float]], statistic: str = "final_loss") -> float:
    """How much of batch norm's improvement over the standard network the noisy variant keeps:
    (standard - noisy) / (standard - batch norm), for a statistic of `summarize`."""
    standard, batch_norm = summary["standard"][statistic], summary["batch_norm"][statistic]
    if not standard > batch_norm:
        raise ValueError(f"batch norm did not improve the {statistic}: {batch_norm} vs {standard} without it")
    return (standard - summary["noisy_batch_norm"][statistic]) / (standard - batch_norm)
