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
# # id() 之旅
#
# 每个对象都有**身份**：`id(obj)` 返回一个整数，在对象的整个生命周期内不变。对两个同时存活的对象，`a is b` 与 `id(a) == id(b)` 的结果相同；最后一节说明为什么“同时存活”这个条件不能少。
#
# 下面每个单元格都在构建网站时执行，只打印比较结果，不打印具体的 id 数值（它每次运行都不同）。

# %% [markdown]
# ## 名字只是引用
#
# 赋值 `b = a` 不复制任何东西，只是让 `b` 也指向 `a` 所指的对象。

# %%
a = [1, 2]
b = a                     # a second name, no new object
print(a is b, id(a) == id(b))

# %% [markdown]
# ## 原地修改：同一个对象
#
# `append` 修改对象本身，所有指向它的名字都能看到变化，对象的 id 不变。

# %%
before = id(a)
a.append(3)               # in place: the same object, changed
print(b, id(a) == before)

# %% [markdown]
# ## 重新绑定：新对象
#
# `a + [4]` 这个表达式造出新列表，赋值让 `a` 改指它；`b` 仍指向旧列表。

# %%
a = a + [4]               # `a + [4]` builds a new list; `=` rebinds a to it
print(a, b, id(a) == before)

# %% [markdown]
# ## 二维列表陷阱
#
# `[[0] * n] * m` 把**同一行**的引用重复了 $m$ 次：网格看上去有 $m \times n$ 个格子，实际只有 $n$ 个独立位置，改一个格子就会让同一列的 $m$ 个格子一起变。

# %%
m, n = 3, 4
grid = [[0] * n] * m      # m references to ONE row
grid[0][0] = 1
print(grid)
print("distinct rows:", len({id(row) for row in grid}))

# %% [markdown]
# 用列表推导式每次新建一行，$m$ 行才是 $m$ 个不同的对象。

# %%
grid = [[0] * n for _ in range(m)]   # a new row on every pass
grid[0][0] = 1
print(grid)
print("distinct rows:", len({id(row) for row in grid}))

# %% [markdown]
# ## 浅拷贝与深拷贝
#
# 浅拷贝只新建外层列表，内层列表仍是共享的；深拷贝把可变的内层对象也复制一份。

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
# ## id 只在对象存活期间唯一
#
# 同时存活的对象 id 两两不同；对象被回收后，它的 id 可以被新对象重用。所以不要保存 id 来代表一个已经不在的对象。

# %%
alive = [object() for _ in range(1000)]
print(len({id(obj) for obj in alive}) == len(alive))   # live objects: all ids differ

# %% [markdown]
# 不同时存活的两个对象可以有相同的 id。在 `id([]) == id([])` 里，第一个空列表在 `id()` 读完之后立即被释放，CPython 3.11、3.12、3.13 会把第二个空列表建在同一块内存上，于是比较结果是 `True`，尽管这两个列表从来不是同一个对象。这是 CPython 的实现细节（别的实现可能打印 `False`），但它说明：只有两个对象都存活时，`id(a) == id(b)` 才意味着 `a is b`。

# %%
print(id([]) == id([]))         # each list is freed as soon as id() has read it
first, second = [], []
print(first is second, id(first) == id(second))   # both alive: two objects, two ids
