"""The public API is exactly what `__all__` lists, and every name in it exists."""

from __future__ import annotations

import storyline


def test_all_names_exist_and_are_sorted() -> None:
    for name in storyline.__all__:
        assert hasattr(storyline, name), name
    assert list(storyline.__all__) == sorted(storyline.__all__, key=lambda n: (not n.isupper(), n))


def test_no_public_name_is_left_out_of_all() -> None:
    public = {n for n in dir(storyline) if not n.startswith("_")}  # with the lazy names
    modules = {n for n in public if type(getattr(storyline, n)).__name__ == "module"}
    assert public - modules - {"annotations"} == set(storyline.__all__)


def test_store_package_exports_every_name_it_lists() -> None:
    import storyline.store as store

    for name in store.__all__:
        assert hasattr(store, name), name
    # The renamed submodules no longer shadow the functions of the same purpose.
    assert callable(store.ingest) and callable(store.search)
    assert type(store.ingest).__name__ == "function"


def test_reading_a_store_and_asking_for_help_do_not_load_spacy() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import storyline\n"
        "from storyline.store import list_stories, read_store, search\n"
        "from storyline.cli import main\n"
        "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
        "assert 'storyline.pipeline' not in sys.modules, 'the pipeline was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
