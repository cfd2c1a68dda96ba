#!/usr/bin/python3
"""Writes sklearn's bundled real datasets as the CSVs a user would upload, and scores
scikit-learn's MLPClassifier / MLPRegressor on them (the reference range for Layerlab's defaults).

Runs with Debian's python3-sklearn (apt-get install python3-sklearn): no download, the datasets
ship inside the package. Usage: /usr/bin/python3 reference.py OUT_DIR
"""
import json
import sys
import warnings
from pathlib import Path

import numpy as np
from sklearn import datasets
from sklearn.compose import TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)

SEEDS = [1, 2, 3, 4, 5]


def load(name):
    loader = {
        "iris": datasets.load_iris,
        "wine": datasets.load_wine,
        "breast_cancer": datasets.load_breast_cancer,
        "digits": datasets.load_digits,
        "diabetes": datasets.load_diabetes,
    }[name]
    bunch = loader()
    x, y = bunch.data, bunch.target
    names = [str(n).replace(" ", "_").replace("(", "").replace(")", "") for n in getattr(bunch, "feature_names", [])]
    if len(names) != x.shape[1]:
        names = [f"f{i}" for i in range(x.shape[1])]
    labels = None
    if name in ("iris", "wine", "breast_cancer"):
        labels = [str(t) for t in bunch.target_names]
    return x, y, names, labels


def write_csv(path, x, y, names, labels):
    with open(path, "w") as out:
        out.write(",".join(names + ["target"]) + "\n")
        for row, target in zip(x, y):
            value = labels[int(target)] if labels is not None else (repr(float(target)) if isinstance(target, float) else str(target))
            out.write(",".join(repr(float(v)) for v in row) + "," + value + "\n")


def score(name, x, y):
    regression = name == "diabetes"
    results = {"plain": [], "tuned": []}
    for seed in SEEDS:
        x_train, x_test, y_train, y_test = train_test_split(
            x, y, test_size=0.3, random_state=seed, stratify=None if regression else y
        )
        if regression:
            plain = make_pipeline(StandardScaler(), MLPRegressor(random_state=seed))
            tuned = TransformedTargetRegressor(
                regressor=make_pipeline(StandardScaler(), MLPRegressor(max_iter=1000, early_stopping=True, random_state=seed)),
                transformer=StandardScaler(),
            )
            metric = r2_score
        else:
            plain = make_pipeline(StandardScaler(), MLPClassifier(random_state=seed))
            tuned = make_pipeline(StandardScaler(), MLPClassifier(max_iter=1000, early_stopping=True, random_state=seed))
            metric = accuracy_score
        for key, model in (("plain", plain), ("tuned", tuned)):
            model.fit(x_train, y_train)
            results[key].append(float(metric(y_test, model.predict(x_test))))
    return {
        "metric": "r2" if regression else "accuracy",
        **{k: {"mean": float(np.mean(v)), "min": float(np.min(v)), "max": float(np.max(v)), "runs": v} for k, v in results.items()},
    }


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    report = {}
    for name in ("iris", "wine", "breast_cancer", "digits", "diabetes"):
        x, y, names, labels = load(name)
        write_csv(out / f"{name}.csv", x, y, names, labels)
        report[name] = {"rows": int(x.shape[0]), "features": int(x.shape[1]), **score(name, x, y)}
        print(name, json.dumps({k: v["mean"] for k, v in report[name].items() if k in ("plain", "tuned")}), file=sys.stderr, flush=True)
    (out / "sklearn.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
