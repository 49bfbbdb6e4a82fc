"""The pinhole camera: projection, the ground-plane homography, rotation representations.

Conventions: the camera frame has x right, y down, z forward (OpenCV's); extrinsics (R, t)
map a world point X to the camera frame as R X + t. Angles are in radians.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike


def _matrix(value: ArrayLike, name: str, shape: tuple[int, ...]) -> np.ndarray:
    array = np.asarray(value, dtype=np.float64)
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite, got NaN or infinity")
    return array


def check_intrinsics(K: ArrayLike) -> np.ndarray:
    """K as a 3x3 array; ValueError unless it is [[fx, s, cx], [0, fy, cy], [0, 0, 1]] with fx, fy > 0."""
    K = _matrix(K, "K", (3, 3))
    if K[1, 0] != 0 or K[2, 0] != 0 or K[2, 1] != 0 or K[2, 2] != 1 or K[0, 0] <= 0 or K[1, 1] <= 0:
        raise ValueError(f"K must be [[fx, s, cx], [0, fy, cy], [0, 0, 1]] with fx, fy > 0, got {K.tolist()}")
    return K


def check_rotation(R: ArrayLike, tolerance: float = 1e-6) -> np.ndarray:
    """R as a 3x3 array; ValueError unless R^T R = I and det R = +1 (within `tolerance`)."""
    R = _matrix(R, "R", (3, 3))
    if not np.allclose(R.T @ R, np.eye(3), atol=tolerance) or abs(np.linalg.det(R) - 1) > tolerance:
        raise ValueError("R must be a rotation: orthonormal with determinant +1 (a reflection has -1)")
    return R


# --8<-- [start:project_points]
def project_points(points: ArrayLike, K: ArrayLike, R: ArrayLike, t: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Pixels (N, 2) of world points (N, 3), and the mask (N,) of points in front of the camera.

    Points not in front (z <= 0 in the camera frame) get NaN pixels instead of a mirrored image.
    """
    points = np.asarray(points, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 3 or not np.isfinite(points).all():
        raise ValueError(f"points must be finite with shape (N, 3), got {points.shape}")
    K, R = check_intrinsics(K), check_rotation(R)
    t = _matrix(np.reshape(t, -1) if np.size(t) == 3 else t, "t", (3,))
    camera = points @ R.T + t                    # world -> camera frame
    in_front = camera[:, 2] > 0
    pixels = np.full((len(points), 2), np.nan)
    normalized = camera[in_front, :2] / camera[in_front, 2:]   # divide by depth
    pixels[in_front] = normalized @ K[:2, :2].T + K[:2, 2]     # apply the intrinsics
    return pixels, in_front
# --8<-- [end:project_points]


# --8<-- [start:homography]
def ground_homography(K: ArrayLike, R: ArrayLike, t: ArrayLike) -> np.ndarray:
    """H mapping a ground point (X, Y) on the plane Z = 0 to its pixel: [u, v, 1] ~ H [X, Y, 1]."""
    K, R = check_intrinsics(K), check_rotation(R)
    t = _matrix(np.reshape(t, -1), "t", (3,))
    H = K @ np.column_stack([R[:, 0], R[:, 1], t])   # the Z column drops out
    return H / H[2, 2]


def apply_homography(H: ArrayLike, points: ArrayLike) -> np.ndarray:
    """Map points (N, 2) through a 3x3 homography, dividing by the third coordinate."""
    H = _matrix(H, "H", (3, 3))
    points = np.asarray(points, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (N, 2), got {points.shape}")
    mapped = np.column_stack([points, np.ones(len(points))]) @ H.T
    return mapped[:, :2] / mapped[:, 2:]
# --8<-- [end:homography]


# --8<-- [start:rotations]
def euler_zyx_to_matrix(yaw: float, pitch: float, roll: float) -> np.ndarray:
    """R = Rz(yaw) Ry(pitch) Rx(roll): roll about x first, then pitch about y, then yaw about z."""
    cy, sy = math.cos(yaw), math.sin(yaw)
    cp, sp = math.cos(pitch), math.sin(pitch)
    cr, sr = math.cos(roll), math.sin(roll)
    rz = np.array([[cy, -sy, 0], [sy, cy, 0], [0, 0, 1]])
    ry = np.array([[cp, 0, sp], [0, 1, 0], [-sp, 0, cp]])
    rx = np.array([[1, 0, 0], [0, cr, -sr], [0, sr, cr]])
    return rz @ ry @ rx


def quaternion_to_matrix(q: ArrayLike) -> np.ndarray:
    """Rotation matrix of a quaternion (w, x, y, z); it is normalized first, and q and -q give the same R."""
    q = _matrix(q, "q", (4,))
    norm = np.linalg.norm(q)
    if norm == 0:
        raise ValueError("q must not be zero")
    w, x, y, z = q / norm
    return np.array([
        [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
        [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
        [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
    ])


def axis_angle_to_matrix(rotation_vector: ArrayLike) -> np.ndarray:
    """Rodrigues' formula: R = I + sin(a) [k]x + (1 - cos(a)) [k]x^2, for the vector a k."""
    vector = _matrix(rotation_vector, "rotation_vector", (3,))
    angle = float(np.linalg.norm(vector))
    if angle == 0:
        return np.eye(3)
    kx, ky, kz = vector / angle
    cross = np.array([[0, -kz, ky], [kz, 0, -kx], [-ky, kx, 0]])
    return np.eye(3) + math.sin(angle) * cross + (1 - math.cos(angle)) * cross @ cross
# --8<-- [end:rotations]


# The camera used on the pages: 1280 x 720 pixels, mounted 1.6 m high, 1.5 m ahead of the vehicle origin,
# looking forward; the vehicle frame has x forward, y left, z up.
IMAGE_SIZE = (1280, 720)
K_EXAMPLE = np.array([[800.0, 0.0, 640.0], [0.0, 800.0, 360.0], [0.0, 0.0, 1.0]])
R_CAMERA_FROM_VEHICLE = np.array([[0.0, -1.0, 0.0], [0.0, 0.0, -1.0], [1.0, 0.0, 0.0]])
CAMERA_POSITION = np.array([1.5, 0.0, 1.6])
T_CAMERA_FROM_VEHICLE = -R_CAMERA_FROM_VEHICLE @ CAMERA_POSITION
