#!/usr/bin/env python3
"""Makes the digits fixture of veritas-zkml (not run by CI; its outputs are committed).

Trains a 64-32-10 ReLU MLP on scikit-learn's 8x8 digits data set (pixels scaled to [0, 1]),
writes it as a plain ONNX graph (Gemm, Relu, Gemm: logits, no softmax) and writes the held-out
test set with its labels and the float logits of the ONNX model (onnxruntime).

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install scikit-learn onnx onnxruntime
    /tmp/venv/bin/python scripts/digits-fixture.py [output-dir]   # default zkml/fixtures/digits
"""
import json
import os
import sys

import numpy as np
import onnx
import onnxruntime
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

SEED = 0
out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "zkml", "fixtures", "digits")
os.makedirs(out_dir, exist_ok=True)

digits = load_digits()
x = (digits.data / 16.0).astype(np.float32)
y = digits.target
x_train, x_test, y_train, y_test = train_test_split(
    x, y, test_size=0.2, random_state=SEED, stratify=y)

mlp = MLPClassifier(hidden_layer_sizes=(32,), activation="relu", max_iter=600,
                    random_state=SEED)
mlp.fit(x_train, y_train)
accuracy = float(mlp.score(x_test, y_test))
print(f"sklearn test accuracy: {accuracy:.4f} on {len(y_test)} samples")

# sklearn's coefs_ are [in, out]: Gemm with transB = 0.
initializers, nodes, current = [], [], "input"
for i, (w, b) in enumerate(zip(mlp.coefs_, mlp.intercepts_)):
    initializers += [numpy_helper.from_array(w.astype(np.float32), f"fc{i}.weight"),
                     numpy_helper.from_array(b.astype(np.float32), f"fc{i}.bias")]
    last = i == len(mlp.coefs_) - 1
    out = "logits" if last else f"fc{i}"
    nodes.append(helper.make_node("Gemm", [current, f"fc{i}.weight", f"fc{i}.bias"], [out],
                                  name=f"fc{i}"))
    current = out
    if not last:
        nodes.append(helper.make_node("Relu", [current], [f"relu{i}"], name=f"relu{i}"))
        current = f"relu{i}"

graph = helper.make_graph(
    nodes, "digits-mlp",
    [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 64])],
    [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 10])],
    initializers)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                          producer_name="veritas digits-fixture.py")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, os.path.join(out_dir, "model.onnx"))

session = onnxruntime.InferenceSession(model.SerializeToString())
logits = session.run(None, {"input": x_test})[0]
assert (logits.argmax(axis=1) == mlp.predict(x_test)).all(), "ONNX and sklearn disagree"

with open(os.path.join(out_dir, "test.json"), "w") as f:
    json.dump({
        "description": "held-out 20% of sklearn digits (stratified, seed 0), pixels / 16",
        "sklearn_accuracy": accuracy,
        "labels": [int(v) for v in y_test],
        "inputs": [[float(v) for v in row] for row in x_test],
        "logits": [[round(float(v), 6) for v in row] for row in logits],
    }, f, separators=(",", ":"))
print(f"wrote {out_dir}/model.onnx and test.json")
