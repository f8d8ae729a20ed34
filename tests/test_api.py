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
