"""Writes an ONNX graph of a BERT sentence-transformers model straight from its safetensors weights.

No torch is involved: the graph is built node by node with ``onnx.helper`` from the weights of the
model folder (the packaged all-MiniLM-L6-v2 by default), so exporting takes about a second on any
machine, and the same weights and the same code always give the same bytes (the file's hash is what
an index's manifest records). ``onnx`` is imported here only: answering never imports it.

One graph, one forward pass, two outputs:

- ``token_embeddings`` (batch × tokens × hidden): the last layer's states, for the token vectors;
- ``sentence_embedding`` (batch × hidden): their mean over the attention mask, L2-normalised —
  what sentence-transformers computes for this layout (Transformer → mean Pooling → Normalize).

``quantize`` then rewrites the graph's weight matrix products as int8 (dynamic quantisation: int8
weights, activations quantised per call); whether the shipped engine uses it is decided in
``index.engine`` from measured agreement with the PyTorch model.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from .errors import QuotebotError

#: Changes whenever this file would build a different graph for the same weights.
EXPORT_VERSION = "bert-meanpool-v1"
#: The same for the reader's graph (part of its cache key): v2 runs attention as ONNX Runtime's own
#: fused ``Attention`` kernel.
READER_EXPORT_VERSION = "reader-v2"
OPSET = 18
#: ONNX Runtime's contributed operators (``com.microsoft``): the fused ``Attention`` kernel.
CONTRIB = "com.microsoft"


def supported(path: Path) -> str | None:
    """None when the model folder has the layout this exporter writes; else why not, in words."""
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
        pooling = json.loads((path / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"its configuration cannot be read ({exc})"
    types = [m.get("type", "") for m in modules]
    if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
        return f"it is a {config.get('model_type')!r} model with {config.get('hidden_act')!r}, not a BERT with gelu"
    if config.get("position_embedding_type", "absolute") != "absolute":
        return "its position embeddings are not absolute"
    if types[:2] != [
        "sentence_transformers.models.Transformer",
        "sentence_transformers.models.Pooling",
    ] or any(t != "sentence_transformers.models.Normalize" for t in types[2:]):
        return f"its modules are {types}, not Transformer → Pooling (→ Normalize)"
    if not pooling.get("pooling_mode_mean_tokens") or any(
        pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens")
    ):
        return "its pooling is not the mean of the tokens"
    for name in ("model.safetensors", "tokenizer.json"):
        if not (path / name).exists():
            return f"it has no {name}"
    return None


class _Builder:
    """Appends the graph's nodes and initialisers, in order (the order fixes the exported bytes)."""

    def __init__(self, weights: dict[str, np.ndarray], eps: float, fused_attention: bool = False) -> None:
        from onnx import helper, numpy_helper

        self.helper, self.numpy_helper = helper, numpy_helper
        self.w, self.eps = weights, eps
        #: Attention as ONNX Runtime's fused kernel (one node per layer) instead of plain ONNX
        #: operators: the same arithmetic, 10–20% less time for the reader's pairs. Only the
        #: reader uses it: the embedding graph's bytes are what an index's manifest records.
        self.fused_attention = fused_attention
        self.heads = 0  # attention heads, set by ``_encoder`` from the model's configuration
        self.inits: list[Any] = []
        self.nodes: list[Any] = []

    def const(self, name: str, value: np.ndarray) -> str:
        self.inits.append(self.numpy_helper.from_array(np.array(value, order="C"), name))  # keeps 0-d scalars
        return name

    def node(self, op: str, inputs: list[str], out: str, domain: str = "", **attrs: Any) -> str:
        # A domain only where there is one: an empty one set explicitly would change the bytes.
        extra = {"domain": domain} if domain else {}
        self.nodes.append(self.helper.make_node(op, inputs, [out], name=out, **extra, **attrs))
        return out

    def linear(self, x: str, weight: np.ndarray, bias: np.ndarray, name: str) -> str:
        y = self.node("MatMul", [x, self.const(f"{name}.w", weight.T.astype(np.float32))], f"{name}.mm")
        return self.node("Add", [y, self.const(f"{name}.b", bias.astype(np.float32))], f"{name}.out")

    def layer_norm(self, x: str, prefix: str, name: str) -> str:
        w = self.w
        return self.node(
            "LayerNormalization",
            [
                x,
                self.const(f"{name}.g", w[f"{prefix}.weight"]),
                self.const(f"{name}.beta", w[f"{prefix}.bias"]),
            ],
            name,
            axis=-1,
            epsilon=self.eps,
        )


def _i64(*v: int) -> np.ndarray:
    return np.array(v, dtype=np.int64)


def _embeddings(b: _Builder, pairs: bool = False) -> str:
    """Word pieces + positions + token types, normalised. The embedding model only ever reads one
    segment (type 0, folded into the positions); the reader (``pairs``) reads ``token_type_ids``."""
    w = b.w
    words = b.node(
        "Gather", [b.const("word_embeddings", w["embeddings.word_embeddings.weight"]), "input_ids"], "words"
    )
    types = w["embeddings.token_type_embeddings.weight"]
    positions = w["embeddings.position_embeddings.weight"] + (0 if pairs else types[0])
    shape = b.node("Shape", ["input_ids"], "ids_shape")
    length = b.node("Slice", [shape, b.const("one", _i64(1)), b.const("two", _i64(2))], "length")
    pos = b.node(
        "Slice", [b.const("positions", positions.astype(np.float32)), b.const("zero", _i64(0)), length], "pos"
    )
    summed = b.node("Add", [words, pos], "emb_sum")
    if pairs:
        typed = b.node(
            "Gather", [b.const("type_embeddings", types.astype(np.float32)), "token_type_ids"], "typed"
        )
        summed = b.node("Add", [summed, typed], "emb_typed")
    return b.layer_norm(summed, "embeddings.LayerNorm", "emb")


def _encoder_layer(b: _Builder, i: int, x: str, consts: dict[str, str]) -> str:
    """One transformer layer: self-attention over the masked sequence, then the feed-forward block."""
    w, node, linear = b.w, b.node, b.linear
    p, n = f"encoder.layer.{i}", f"l{i}"
    qkv_w = np.concatenate([w[f"{p}.attention.self.{m}.weight"] for m in ("query", "key", "value")])
    qkv_b = np.concatenate([w[f"{p}.attention.self.{m}.bias"] for m in ("query", "key", "value")])
    if b.fused_attention:
        # Q, K and V projections, scaled dot products over the unpadded pieces, softmax, heads merged.
        ctx = node(
            "Attention",
            [
                x,
                b.const(f"{n}.qkv.w", np.ascontiguousarray(qkv_w.T.astype(np.float32))),
                b.const(f"{n}.qkv.b", qkv_b.astype(np.float32)),
                consts["mask_i32"],
            ],
            f"{n}.ctx",
            domain=CONTRIB,
            num_heads=b.heads,
        )
    else:
        qkv = linear(x, qkv_w, qkv_b, f"{n}.qkv")
        qkv = node("Reshape", [qkv, consts["split_heads"]], f"{n}.qkv5")  # B T 3 H D
        qkv = node("Transpose", [qkv], f"{n}.qkvT", perm=[2, 0, 3, 1, 4])  # 3 B H T D
        q, k, v = (
            node("Gather", [qkv, b.const(f"{n}.i{j}", np.array(j, np.int64))], f"{n}.{m}", axis=0)
            for j, m in enumerate("qkv")
        )
        kt = node("Transpose", [k], f"{n}.kT", perm=[0, 1, 3, 2])
        scores = node("Mul", [node("MatMul", [q, kt], f"{n}.qk"), consts["scale"]], f"{n}.scaled")
        probs = node("Softmax", [node("Add", [scores, consts["bias"]], f"{n}.biased")], f"{n}.probs", axis=-1)
        ctx = node("Transpose", [node("MatMul", [probs, v], f"{n}.ctx4")], f"{n}.ctxT", perm=[0, 2, 1, 3])
        ctx = node("Reshape", [ctx, consts["merge_heads"]], f"{n}.ctx")
    attn = linear(
        ctx, w[f"{p}.attention.output.dense.weight"], w[f"{p}.attention.output.dense.bias"], f"{n}.ao"
    )
    x = b.layer_norm(node("Add", [attn, x], f"{n}.res1"), f"{p}.attention.output.LayerNorm", f"{n}.ln1")
    h = linear(x, w[f"{p}.intermediate.dense.weight"], w[f"{p}.intermediate.dense.bias"], f"{n}.ff1")
    erf = node("Erf", [node("Div", [h, consts["root2"]], f"{n}.gdiv")], f"{n}.erf")
    gate = node("Add", [erf, b.const(f"{n}.one", np.array(1.0, np.float32))], f"{n}.erf1")
    h = node("Mul", [node("Mul", [h, gate], f"{n}.hg"), consts["half"]], f"{n}.gelu")
    out = linear(h, w[f"{p}.output.dense.weight"], w[f"{p}.output.dense.bias"], f"{n}.ff2")
    return b.layer_norm(node("Add", [out, x], f"{n}.res2"), f"{p}.output.LayerNorm", f"{n}.ln2")


def _pooling(b: _Builder, x: str, maskf: str) -> None:
    """Mean pooling over the mask, then L2 normalisation (sentence-transformers' Pooling + Normalize)."""
    node, const = b.node, b.const
    mask3 = node("Unsqueeze", [maskf, const("axis2", _i64(2))], "mask3")
    summed = node(
        "ReduceSum", [node("Mul", [x, mask3], "masked_states"), const("axis1", _i64(1))], "summed", keepdims=0
    )
    counts = node("ReduceSum", [maskf, const("axis1b", _i64(1))], "counts", keepdims=1)
    counts = node("Max", [counts, const("tiny_count", np.array(1e-9, np.float32))], "counts_safe")
    mean = node("Div", [summed, counts], "mean")
    norm = node("ReduceL2", [mean, const("axis1c", _i64(1))], "norm", keepdims=1)
    norm = node("Max", [norm, const("tiny_norm", np.array(1e-12, np.float32))], "norm_safe")
    b.nodes.append(b.helper.make_node("Div", [mean, norm], ["sentence_embedding"], name="sentence_embedding"))


def _encoder(b: _Builder, config: dict[str, Any], pairs: bool = False) -> tuple[str, str]:
    """Embeddings and every transformer layer: the last layer's states, and the float mask."""
    from onnx import TensorProto

    heads, hidden = int(config["num_attention_heads"]), int(config["hidden_size"])
    hd = hidden // heads
    x = _embeddings(b, pairs)
    consts: dict[str, str] = {}
    b.heads = heads
    maskf = ""  # the float mask: the embedding graph's pooling uses it
    if b.fused_attention:
        consts["mask_i32"] = b.node("Cast", ["attention_mask"], "mask_i32", to=TensorProto.INT32)
    else:
        maskf = b.node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)
        # Attention mask as an additive bias: 0 where attended, a large negative number on padding.
        masked = b.node("Sub", [b.const("f_one", np.array(1.0, np.float32)), maskf], "mask_inv")
        bias = b.node("Mul", [masked, b.const("neg", np.array(-1e4, np.float32))], "mask_bias2d")
        consts["bias"] = b.node("Unsqueeze", [bias, b.const("axes12", _i64(1, 2))], "mask_bias")
        consts["scale"] = b.const("scale", np.array(1.0 / np.sqrt(hd), np.float32))
        consts["split_heads"] = b.const("split_heads", _i64(0, 0, 3, heads, hd))
        consts["merge_heads"] = b.const("merge_heads", _i64(0, 0, hidden))
    consts["half"] = b.const("half", np.array(0.5, np.float32))
    consts["root2"] = b.const("root2", np.array(np.sqrt(2.0), np.float32))
    for i in range(int(config["num_hidden_layers"])):
        x = _encoder_layer(b, i, x, consts)
    return x, maskf


def _model(b: _Builder, name: str, inputs: list[str], outputs: list[tuple[str, list[Any]]]) -> Any:
    """The checked ``ModelProto`` of the builder's nodes (inputs int64 batch × tokens; float outputs)."""
    import onnx
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        b.nodes,
        name,
        [helper.make_tensor_value_info(i, TensorProto.INT64, ["batch", "tokens"]) for i in inputs],
        [helper.make_tensor_value_info(o, TensorProto.FLOAT, dims) for o, dims in outputs],
        b.inits,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)]
        + ([helper.make_opsetid(CONTRIB, 1)] if b.fused_attention else []),
        producer_name="quotebot",
        producer_version=EXPORT_VERSION,
    )
    model.ir_version = 8  # understood by every onnxruntime from 1.14 on (opset 18: 1.15 on)
    onnx.checker.check_model(model)
    return model


def _weights(path: Path) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    return {k.removeprefix("bert."): v for k, v in load_file(str(path)).items()}


def build_graph(path: Path) -> Any:
    """The ``onnx.ModelProto`` of the model in ``path`` (see the module docstring)."""
    from onnx import helper

    why = supported(path)
    if why:
        raise QuotebotError(
            f"the model in {path} cannot run in Quotebot's ONNX engine: {why}. Use a BERT "
            "sentence-transformers model with mean pooling (such as the packaged all-MiniLM-L6-v2)"
        )
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    hidden = int(config["hidden_size"])
    b = _Builder(_weights(path / "model.safetensors"), float(config.get("layer_norm_eps", 1e-12)))
    x, maskf = _encoder(b, config)
    b.nodes.append(helper.make_node("Identity", [x], ["token_embeddings"], name="token_embeddings"))
    _pooling(b, x, maskf)
    return _model(
        b,
        "quotebot-encoder",
        ["input_ids", "attention_mask"],
        [("token_embeddings", ["batch", "tokens", hidden]), ("sentence_embedding", ["batch", hidden])],
    )


def build_reader_graph(base: Path, reader: Path, depth: int | None = None, fused: bool = True) -> Any:
    """The reader's ``ModelProto``: the base model's weights with the reader's (``bot.reader``) laid
    over them, pair inputs (``token_type_ids``), and ``start_logits`` / ``end_logits`` per piece.
    ``depth``: only the first so many layers (a shallower reader, trained so). ``fused``: attention
    as ONNX Runtime's fused kernel (what Quotebot runs); False writes it out in plain operators, for
    the test that checks the two agree."""
    from onnx import helper

    config = json.loads((base / "config.json").read_text(encoding="utf-8"))
    n_layers = int(config["num_hidden_layers"])
    if depth is not None:
        if not 1 <= depth <= n_layers:
            raise QuotebotError(f"the reader's depth {depth} is not 1 to {n_layers}, the base model's layers")
        config["num_hidden_layers"] = n_layers = depth
    weights = _weights(base / "model.safetensors")
    delta = {k: v.astype(np.float32) for k, v in _weights(reader).items()}
    deeper = sorted(k for k in delta if k.startswith("encoder.layer.") and int(k.split(".")[2]) >= n_layers)
    if deeper:
        raise QuotebotError(
            f"the reader's weights {reader} hold layers beyond its depth of {n_layers} ({deeper[0]}, …): "
            "its manifest's depth does not match its weights; restore both from git or retrain"
        )
    unknown = sorted(k for k in delta if k not in weights and not k.startswith("qa_outputs."))
    if unknown or "qa_outputs.weight" not in delta:
        raise QuotebotError(
            f"the reader's weights {reader} do not fit the base model in {base} "
            f"({'unknown tensors ' + ', '.join(unknown[:3]) if unknown else 'no span head'})"
        )
    weights.update(delta)
    b = _Builder(weights, float(config.get("layer_norm_eps", 1e-12)), fused_attention=fused)
    x, _ = _encoder(b, config, pairs=True)
    logits = b.linear(x, weights["qa_outputs.weight"], weights["qa_outputs.bias"], "qa")  # B T 2
    start, end = (
        b.node("Gather", [logits, b.const(f"qa.i{j}", np.array(j, np.int64))], f"qa.{m}", axis=2)
        for j, m in enumerate(("s", "e"))
    )
    b.nodes.append(helper.make_node("Identity", [start], ["start_logits"], name="start_logits"))
    b.nodes.append(helper.make_node("Identity", [end], ["end_logits"], name="end_logits"))
    return _model(
        b,
        "quotebot-reader",
        ["input_ids", "attention_mask", "token_type_ids"],
        [("start_logits", ["batch", "tokens"]), ("end_logits", ["batch", "tokens"])],
    )


def save_reader_graph(
    base: Path, reader: Path, out: Path, quantize: bool = False, depth: int | None = None
) -> None:
    """Write the reader's graph to ``out`` (int8 weight products if ``quantize``; the reader's
    manifest says which, since its fitted decision is only valid for the arithmetic it was fit on)."""
    _save(build_reader_graph(base, reader, depth), out, quantize)


def export(path: Path, out: Path, quantize: bool) -> None:
    """Write the graph of the model in ``path`` to ``out`` (int8 weight products if ``quantize``)."""
    _save(build_graph(path), out, quantize)


def _save(model: Any, out: Path, quantize: bool) -> None:
    """Save ``model``, or its dynamic int8 quantisation: weights int8 per output channel, only the
    products with a constant weight (attention's activation products stay fp32)."""
    import onnx

    if not quantize:
        onnx.save(model, str(out))
        return
    from onnxruntime.quantization import QuantType, quantize_dynamic

    plain = out.with_name(out.name + ".fp32")
    onnx.save(model, str(plain))
    quiet = _DropPreprocessAdvice()
    logging.getLogger().addFilter(quiet)  # quantize_dynamic advises on the root logger
    try:
        quantize_dynamic(
            str(plain),
            str(out),
            weight_type=QuantType.QInt8,
            # The fused attention's Q, K and V projections too (as QAttention), as their plain
            # MatMul was: the scaled dot products stay fp32 either way.
            op_types_to_quantize=["MatMul", "Attention"],
            per_channel=True,
            extra_options={"MatMulConstBOnly": True, "DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    finally:
        logging.getLogger().removeFilter(quiet)
        plain.unlink(missing_ok=True)


class _DropPreprocessAdvice(logging.Filter):
    """Drops ONNX Runtime's advice to run its shape pre-processing before quantising (it is for
    static quantisation of vision models; a user would read it as a fault at their first answer)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()
