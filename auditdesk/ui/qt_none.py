"""Returning None to Qt without losing a reference to it (PySide6 6.12.0, Python < 3.12).

PySide6 6.12.0 drops one reference to ``None`` each time C++ (a view, a
``QSortFilterProxyModel``) calls a Python ``data()``/``headerData()`` override that returns
``None``: after ~88 000 such returns Python aborts with ``Fatal Python error: none_dealloc``.
Only ``None`` is affected (a returned string or int keeps its count), and 6.11.x does not do it.

Qt needs an *invalid* QVariant for "no data" (an empty string would make a cell checkable or
left-aligned), and PySide has no other way to return one. So models keep returning ``None``
through :func:`returns_to_qt`, which gives ``None`` back the reference the binding will take.
How many a return loses is measured once, at the first call, with a probe model behind a
proxy: 1 on the broken binding, 0 elsewhere (and on Python 3.12+, where ``None`` is immortal),
so a fixed binding needs no code change. Taking one too many is harmless (``None`` is never
freed); one too few is what aborts.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
_PROBE_CALLS = 2000
_lost: int | None = None
_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def measure_lost_per_return() -> int:
    """References to None PySide drops per None returned from a Python model to C++."""
    if sys.version_info >= (3, 12):
        return 0
    from PySide6.QtCore import QAbstractListModel, QIdentityProxyModel, QModelIndex, Qt

    class _Probe(QAbstractListModel):
        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
            return 1

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            return None  # deliberately uncompensated

    model = _Probe()
    proxy = QIdentityProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    role = Qt.ItemDataRole.BackgroundRole
    proxy.data(index, role)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(10.0)  # no other thread moves None's count while we count
    try:
        before = sys.getrefcount(None)
        for _ in range(_PROBE_CALLS):
            proxy.data(index, role)
        lost = before - sys.getrefcount(None)
    finally:
        sys.setswitchinterval(interval)
    if lost > 0:  # give back what the probe itself cost
        for _ in range(lost):
            _incref(None)
    return max(0, round(lost / _PROBE_CALLS))


def lost_per_return() -> int:
    global _lost
    if _lost is None:
        _lost = measure_lost_per_return()
    return _lost


def none_for_qt() -> None:
    """``None`` for Qt, its reference paid for in advance on a binding that drops one."""
    for _ in range(lost_per_return()):
        _incref(None)


def returns_to_qt(method: F) -> F:
    """Wrap a model's ``data``/``headerData`` so that each ``None`` it returns is paid for."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        value = method(*args, **kwargs)
        if value is None:
            none_for_qt()
        return value

    return wrapper  # type: ignore[return-value]
