# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A tour of id()
#
# Every object has an **identity**: `id(obj)` returns an integer that stays the same for the object's whole lifetime. For two objects that are alive at the same time, `a is b` gives the same answer as `id(a) == id(b)`; the last section shows why "alive at the same time" matters.
#
# Each cell below runs when the site is built. The cells print comparisons only, never raw ids, which differ from run to run.

# %% [markdown]
# ## Names are references
#
# The assignment `b = a` copies nothing: it makes `b` refer to the object `a` refers to.

# %%
a = [1, 2]
b = a                     # a second name, no new object
print(a is b, id(a) == id(b))

# %% [markdown]
# ## Mutation in place: the same object
#
# `append` changes the object itself. Every name that refers to it sees the change, and its id stays the same.

# %%
before = id(a)
a.append(3)               # in place: the same object, changed
print(b, id(a) == before)

# %% [markdown]
# ## Rebinding: a new object
#
# The expression `a + [4]` builds a new list, and the assignment makes `a` refer to it. `b` still refers to the old list.

# %%
a = a + [4]               # `a + [4]` builds a new list; `=` rebinds a to it
print(a, b, id(a) == before)

# %% [markdown]
# ## The 2-D list trap
#
# `[[0] * n] * m` repeats a reference to **one row** $m$ times. The grid looks like $m \times n$ cells but has only $n$ independent slots: writing one cell changes $m$ cells, the whole column.

# %%
m, n = 3, 4
grid = [[0] * n] * m      # m references to ONE row
grid[0][0] = 1
print(grid)
print("distinct rows:", len({id(row) for row in grid}))

# %% [markdown]
# A list comprehension builds a new row on each pass, so the $m$ rows are $m$ distinct objects.

# %%
grid = [[0] * n for _ in range(m)]   # a new row on every pass
grid[0][0] = 1
print(grid)
print("distinct rows:", len({id(row) for row in grid}))

# %% [markdown]
# ## Shallow and deep copies
#
# A shallow copy makes a new outer list only; the inner lists are shared. A deep copy also copies the mutable inner objects.

# %%
import copy

original = [[1, 2], [3, 4]]
shallow = copy.copy(original)
deep = copy.deepcopy(original)
original[0].append(99)
print("shallow:", shallow)
print("deep:   ", deep)
print([row is orig for row, orig in zip(shallow, original)])
print([row is orig for row, orig in zip(deep, original)])

# %% [markdown]
# ## An id is unique only while the object lives
#
# Objects alive at the same time have different ids. Once an object is freed, a new object may get its id, so never keep an id to stand for an object that may be gone.

# %%
alive = [object() for _ in range(1000)]
print(len({id(obj) for obj in alive}) == len(alive))   # live objects: all ids differ

# %% [markdown]
# Two objects that are not alive at the same time can have the same id. In `id([]) == id([])` the first empty list is freed right after `id()` reads it, and CPython 3.11, 3.12 and 3.13 build the second list in the same memory, so the comparison is `True` although the two lists were never the same object. That is a CPython implementation detail (another implementation may print `False`), but it shows that `id(a) == id(b)` means `a is b` only while both objects are alive.

# %%
print(id([]) == id([]))         # each list is freed as soon as id() has read it
first, second = [], []
print(first is second, id(first) == id(second))   # both alive: two objects, two ids
