"""The package's layers: the model imports nothing of the package; readers, reorder steps and writers import the model, never each other."""

import ast
from importlib.metadata import entry_points
from pathlib import Path

import newsarchive

PACKAGE = Path(newsarchive.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The newsarchive modules a source file imports (relative imports resolved; ``from X import name`` gives X and X.name)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "newsarchive" or name.startswith("newsarchive.")}


def _sources(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).glob("*.py"))


def test_the_model_imports_nothing_of_the_package():
    assert _imports(PACKAGE / "model.py") == set()


def test_readers_reorder_and_writers_do_not_import_each_other():
    others = {"readers": ("writers", "reorder"), "writers": ("readers", "reorder"), "reorder": ("readers", "writers")}
    for layer, forbidden in others.items():
        for path in _sources(layer):
            bad = {m for m in _imports(path) for f in forbidden if m == f"newsarchive.{f}" or m.startswith(f"newsarchive.{f}.")}
            assert not bad, f"{path.name} ({layer}) imports {sorted(bad)}"


def test_reorder_steps_do_not_import_one_another():
    # Each registered transform's module stands alone: what steps share lives in modules that are no step
    # (reorder/__init__, cut_rules, runs, topic, ordering, assignment, geometry).
    steps = {ep.value.partition(":")[0] for ep in entry_points(group="newsarchive.transforms")}
    assert "newsarchive.reorder.tag_roles" in steps and len(steps) >= 10
    for step in sorted(steps):
        path = PACKAGE.parent / (step.replace(".", "/") + ".py")
        imported = {m for m in _imports(path) for other in steps - {step} if m == other or m.startswith(other + ".")}
        assert not imported, f"{step} imports the step modules {sorted(imported)}"


def test_each_reorder_step_has_a_module_of_its_own():
    # One module a step, as the README says: a step is read, changed and tested on its own.
    modules: dict[str, list[str]] = {}
    for ep in entry_points(group="newsarchive.transforms"):
        modules.setdefault(ep.value.partition(":")[0], []).append(ep.name)
    shared = {module: names for module, names in modules.items() if len(names) > 1}
    assert not shared, f"modules holding several steps: {shared}"
