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
# 数学测试：$\sum_{i=1}^n i = \frac{n(n+1)}{2}$

# %%
a = [1, 2]
b = a
a is b
