"""Builders of the normalization family: batch_norm_inference (opset1:
BatchNormInference-1, whose node takes gamma and beta before data; opset5),
mvn (opset2: MVN-1 with across_channels; opset6: MVN-6 with an axes input),
normalize_l2, lrn (opset1) and group_normalization (opset12). Signatures and
defaults as in OpenVINO."""
from typing import Any, Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


@opset(since=1, until=5)
def batch_norm_inference(data: Any, gamma: Any, beta: Any, mean: Any, variance: Any, epsilon: float,
                         name: Optional[str] = None):
    """BatchNormInference-1 (node inputs: gamma, beta, data, mean, variance)."""
    return make_node("BatchNormInference", 1, [gamma, beta, data, mean, variance], {"epsilon": epsilon}, name)


@opset(since=5, name="batch_norm_inference")
def batch_norm_inference_v5(data: Any, gamma: Any, beta: Any, mean: Any, variance: Any, epsilon: float,
                            name: Optional[str] = None):
    """BatchNormInference-5 (node inputs: data, gamma, beta, mean, variance)."""
    return make_node("BatchNormInference", 5, [data, gamma, beta, mean, variance], {"epsilon": epsilon}, name)


@opset(since=2, until=6)
def mvn(data: Any, across_channels: bool = False, normalize_variance: bool = False, eps: float = 1e-9,
        name: Optional[str] = None):
    """MVN-1: normalizes over axes 2.. (1.. with across_channels); eps inside the square root."""
    attrs = {"across_channels": across_channels, "normalize_variance": normalize_variance, "eps": eps}
    return make_node("MVN", 2, [data], attrs, name)


@opset(since=6, name="mvn")
def mvn_v6(data: Any, axes: Any, normalize_variance: bool, eps: float, eps_mode: str, name: Optional[str] = None):
    """MVN-6: normalizes over `axes`; eps_mode 'inside_sqrt' or 'outside_sqrt'."""
    attrs = {"normalize_variance": normalize_variance, "eps": eps, "eps_mode": eps_mode}
    return make_node("MVN", 6, [data, axes], attrs, name)


@opset(since=1)
def normalize_l2(data: Any, axes: Any, eps: float, eps_mode: str, name: Optional[str] = None):
    """NormalizeL2-1: x / sqrt(sum(x^2) + eps) ('add') or x / sqrt(max(sum(x^2), eps)) ('max') over `axes`.
    (OpenVINO's own builder passes eps_mode under a name the op ignores, so it always
    gets 'add'; this one honours the argument.)"""
    return make_node("NormalizeL2", 1, [data, axes], {"eps": eps, "eps_mode": eps_mode}, name)


@opset(since=1)
def lrn(data: Any, axes: Any, alpha: float = 1, beta: float = 0.5, bias: float = 1, size: int = 5,
        name: Optional[str] = None):
    """LRN-1: x / (bias + alpha / size^len(axes) * window sum of x^2) ^ beta."""
    attrs = {"alpha": alpha, "beta": beta, "bias": bias, "size": size}
    return make_node("LRN", 1, [data, axes], attrs, name)


@opset(since=12)
def group_normalization(data: Any, scale: Any, bias: Any, num_groups: int, epsilon: float,
                        name: Optional[str] = None):
    """GroupNormalization-12: statistics per sample and group of channels, then per-channel scale and bias."""
    return make_node("GroupNormalization", 12, [data, scale, bias], {"num_groups": num_groups, "epsilon": epsilon},
                     name)
