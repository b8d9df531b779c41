"""Builders of the Fourier family, with OpenVINO's names and defaults:
dft and idft (opset7: DFT-7, IDFT-7), rdft and irdft (opset9: RDFT-9,
IRDFT-9) and stft (opset15: STFT-15). Complex tensors carry a trailing
dimension of 2 ([re, im])."""
from typing import Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


def _inputs(data, axes, signal_size):
    return [data, axes] + ([] if signal_size is None else [signal_size])


@opset(since=7)
def dft(data, axes, signal_size=None, name: Optional[str] = None):
    """DFT-7 of complex `data` [..., 2] over `axes`; `signal_size` (-1: keep) resizes them first."""
    return make_node("DFT", 7, _inputs(data, axes, signal_size), {}, name)


@opset(since=7)
def idft(data, axes, signal_size=None, name: Optional[str] = None):
    """IDFT-7: the inverse of dft, scaled by 1/n per axis."""
    return make_node("IDFT", 7, _inputs(data, axes, signal_size), {}, name)


@opset(since=9)
def rdft(data, axes, signal_size=None, name: Optional[str] = None):
    """RDFT-9 of real `data`: complex result, the last axis keeps n/2+1 bins."""
    return make_node("RDFT", 9, _inputs(data, axes, signal_size), {}, name)


@opset(since=9)
def irdft(data, axes, signal_size=None, name: Optional[str] = None):
    """IRDFT-9: one-sided complex `data` to a real result (numpy's irfftn)."""
    return make_node("IRDFT", 9, _inputs(data, axes, signal_size), {}, name)


@opset(since=15)
def stft(data, window, frame_size, frame_step, transpose_frames: bool, name: Optional[str] = None):
    """STFT-15 of a real signal [batch, length] or [length]: [batch, frames, frame_size/2+1, 2]
    ([batch, frame_size/2+1, frames, 2] with transpose_frames)."""
    return make_node("STFT", 15, [data, window, frame_size, frame_step], {"transpose_frames": transpose_frames},
                     name)
