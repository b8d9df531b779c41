"""Export the randomly initialised transformers models that tests/python/
frontends/test_torch_models.py runs through pinot and onnxruntime.

Not run by the tests (torch is not a test requirement): the .onnx files it
writes are checked in. Regenerate with torch 2.13.0 (CPU) and transformers:

    python -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install torch==2.13.0 transformers onnx onnxscript
    /tmp/torchenv/bin/python tests/models/export_torch_models.py

Each model is small (a few hundred KB) but has the structure of the real one:
BERT (embeddings, self-attention with a padding mask, GELU, LayerNorm, pooler),
GPT-2 (causal attention, Conv1D projections, tanh-GELU) and ResNet (conv, batch
norm, residual blocks, max and average pooling).
"""
import os

import torch
import transformers

HERE = os.path.dirname(os.path.abspath(__file__))


def export(model, args, names, outputs, dynamic, path, dynamo=False):
    """TorchScript export at opset 17, or the dynamo exporter (torch's default) at its own opset."""
    model.eval()
    if dynamo:
        batch, seq = torch.export.Dim("batch"), torch.export.Dim("seq")
        shapes = tuple({0: batch, 1: seq} if len(dynamic[name]) == 2 else {0: batch} for name in names)
        program = torch.onnx.export(model, args, input_names=names, output_names=outputs,
                                    dynamic_shapes=(shapes,), dynamo=True, external_data=False)
        program.save(path)
    else:
        torch.onnx.export(model, args, path, input_names=names, output_names=outputs, dynamic_axes=dynamic,
                          opset_version=17, dynamo=False)
    print("wrote", path, os.path.getsize(path), "bytes")


class _Outputs(torch.nn.Module):
    """A transformers model returning a plain tuple of its tensors."""

    def __init__(self, model, keys):
        super().__init__()
        self.model, self.keys = model, keys

    def forward(self, *args):
        result = self.model(*args)
        return tuple(result[k] for k in self.keys)


def main():
    torch.manual_seed(0)
    bert = transformers.BertModel(transformers.BertConfig(
        vocab_size=512, hidden_size=64, num_hidden_layers=2, num_attention_heads=4, intermediate_size=128,
        max_position_embeddings=64, attn_implementation="eager"))
    ids = torch.randint(0, 512, (2, 16))
    mask = torch.ones(2, 16, dtype=torch.int64)
    export(_Outputs(bert, ["last_hidden_state", "pooler_output"]), (ids, mask),
           ["input_ids", "attention_mask"], ["last_hidden_state", "pooler_output"],
           {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"}},
           os.path.join(HERE, "bert_tiny.onnx"))

    gpt2 = transformers.GPT2Model(transformers.GPT2Config(
        vocab_size=512, n_embd=64, n_layer=2, n_head=4, n_positions=64, bos_token_id=0, eos_token_id=0,
        use_cache=False, attn_implementation="eager"))
    export(_Outputs(gpt2, ["last_hidden_state"]), (ids,), ["input_ids"], ["last_hidden_state"],
           {"input_ids": {0: "batch", 1: "seq"}}, os.path.join(HERE, "gpt2_tiny.onnx"), dynamo=True)

    resnet = transformers.ResNetModel(transformers.ResNetConfig(
        embedding_size=16, hidden_sizes=[16, 32, 48, 64], depths=[1, 1, 1, 1], layer_type="basic"))
    pixels = torch.randn(1, 3, 64, 64)
    export(_Outputs(resnet, ["last_hidden_state", "pooler_output"]), (pixels,), ["pixel_values"],
           ["last_hidden_state", "pooler_output"], {"pixel_values": {0: "batch"}},
           os.path.join(HERE, "resnet_tiny.onnx"))


if __name__ == "__main__":
    main()
