"""Camera projection, homography and rotations, cross-checked against OpenCV."""
from __future__ import annotations

import math

import numpy as np
import pytest

from snippets.vision.camera import (
    CAMERA_POSITION,
    K_EXAMPLE,
    R_CAMERA_FROM_VEHICLE,
    T_CAMERA_FROM_VEHICLE,
    apply_homography,
    axis_angle_to_matrix,
    euler_zyx_to_matrix,
    ground_homography,
    project_points,
    quaternion_to_matrix,
)
from snippets.vision.synthetic import synthetic_lidar_scan
from tests.vision.references import reference


def random_pose(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    q = rng.normal(size=4)
    return quaternion_to_matrix(q), rng.normal(0.0, 2.0, 3)


@pytest.mark.parametrize("seed", range(10))
def test_project_points_equals_opencv(seed: int) -> None:
    cv2 = reference("cv2")
    rng = np.random.default_rng(seed)
    R, t = random_pose(rng)
    K = np.array([[rng.uniform(300, 1500), 0, rng.uniform(200, 800)],
                  [0, rng.uniform(300, 1500), rng.uniform(200, 600)], [0, 0, 1]])
    points = rng.normal(0.0, 10.0, (200, 3))
    pixels, in_front = project_points(points, K, R, t)
    np.testing.assert_array_equal(in_front, (points @ R.T + t)[:, 2] > 0)
    assert 0 < in_front.sum() < len(points)
    rvec, _ = cv2.Rodrigues(R)
    expected = cv2.projectPoints(points[in_front], rvec, t, K, None)[0].reshape(-1, 2)
    np.testing.assert_allclose(pixels[in_front], expected, rtol=1e-9, atol=1e-6)
    assert np.isnan(pixels[~in_front]).all()


def test_opencv_projects_points_behind_the_camera_into_the_image() -> None:
    """Why the mask matters: projectPoints divides by a negative depth and returns a mirrored pixel."""
    cv2 = reference("cv2")
    behind = np.array([[1.0, 0.0, -5.0]])
    mirrored = cv2.projectPoints(behind, np.zeros(3), np.zeros(3), K_EXAMPLE, None)[0].reshape(2)
    assert mirrored.tolist() == [480.0, 360.0]      # inside a 1280 x 720 image
    pixels, in_front = project_points(behind, K_EXAMPLE, np.eye(3), np.zeros(3))
    assert not in_front[0] and np.isnan(pixels).all()


def test_projection_by_hand_with_the_example_camera() -> None:
    """A ground point 10 m ahead of the camera and 2 m to the left."""
    point = np.array([[CAMERA_POSITION[0] + 10.0, 2.0, 0.0]])
    pixels, in_front = project_points(point, K_EXAMPLE, R_CAMERA_FROM_VEHICLE, T_CAMERA_FROM_VEHICLE)
    assert in_front[0]
    np.testing.assert_allclose(pixels[0], [640 - 800 * 2 / 10, 360 + 800 * 1.6 / 10])
    assert pixels[0].tolist() == pytest.approx([480.0, 488.0])


def test_skew_enters_as_the_formula_says() -> None:
    K = np.array([[800.0, 5.0, 640.0], [0.0, 810.0, 360.0], [0.0, 0.0, 1.0]])
    pixels, _ = project_points([[1.0, 2.0, 4.0]], K, np.eye(3), np.zeros(3))
    np.testing.assert_allclose(pixels[0], [800 * 0.25 + 5 * 0.5 + 640, 810 * 0.5 + 360])


def test_the_lidar_scan_projects_as_the_figure_shows() -> None:
    points = synthetic_lidar_scan()
    pixels, in_front = project_points(points, K_EXAMPLE, R_CAMERA_FROM_VEHICLE, T_CAMERA_FROM_VEHICLE)
    inside = in_front & (pixels[:, 0] >= 0) & (pixels[:, 0] < 1280) & (pixels[:, 1] >= 0) & (pixels[:, 1] < 720)
    assert 1000 < inside.sum() < len(points)
    assert (points[:, 0] < CAMERA_POSITION[0]).any() and not in_front[points[:, 0] < CAMERA_POSITION[0]].any()


# ---------------------------------------------------------------------------------------------
# Homography and inverse perspective mapping
# ---------------------------------------------------------------------------------------------

def test_ground_homography_equals_projection_and_opencv() -> None:
    cv2 = reference("cv2")
    rng = np.random.default_rng(0)
    ground = np.column_stack([rng.uniform(5, 50, 30), rng.uniform(-10, 10, 30)])
    H = ground_homography(K_EXAMPLE, R_CAMERA_FROM_VEHICLE, T_CAMERA_FROM_VEHICLE)
    pixels, in_front = project_points(np.column_stack([ground, np.zeros(30)]), K_EXAMPLE,
                                      R_CAMERA_FROM_VEHICLE, T_CAMERA_FROM_VEHICLE)
    assert in_front.all()
    np.testing.assert_allclose(apply_homography(H, ground), pixels, atol=1e-9)
    fitted, _ = cv2.findHomography(ground, pixels, 0)
    np.testing.assert_allclose(fitted / fitted[2, 2], H, rtol=1e-6, atol=1e-4)
    np.testing.assert_allclose(apply_homography(fitted, ground), pixels, atol=1e-3)  # a least-squares fit
    # IPM: the inverse takes pixels below the horizon back to the ground
    np.testing.assert_allclose(apply_homography(np.linalg.inv(H), pixels), ground, atol=1e-9)


def test_inverse_perspective_mapping_breaks_at_the_horizon() -> None:
    """The horizon of a level camera is the row v = cy; rows above it map to points behind the camera."""
    H_inverse = np.linalg.inv(ground_homography(K_EXAMPLE, R_CAMERA_FROM_VEHICLE, T_CAMERA_FROM_VEHICLE))
    below, above = apply_homography(H_inverse, [[640.0, 400.0], [640.0, 300.0]])
    assert below[0] == pytest.approx(CAMERA_POSITION[0] + 800 * 1.6 / 40)  # 32 m ahead
    assert above[0] < CAMERA_POSITION[0]                                 # "behind": meaningless
    with np.errstate(divide="ignore", invalid="ignore"):
        assert abs(apply_homography(H_inverse, [[640.0, 360.0]])[0, 0]) > 1e12  # infinitely far


# ---------------------------------------------------------------------------------------------
# Rotations
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(10))
def test_axis_angle_equals_opencv_rodrigues_and_the_quaternion(seed: int) -> None:
    cv2 = reference("cv2")
    rng = np.random.default_rng(seed)
    vector = rng.normal(size=3)
    R = axis_angle_to_matrix(vector)
    np.testing.assert_allclose(R, cv2.Rodrigues(vector)[0], atol=1e-12)
    angle = np.linalg.norm(vector)
    q = np.concatenate([[math.cos(angle / 2)], math.sin(angle / 2) * vector / angle])
    np.testing.assert_allclose(quaternion_to_matrix(q), R, atol=1e-12)
    np.testing.assert_allclose(quaternion_to_matrix(-q), R, atol=1e-12)  # q and -q: one rotation
    np.testing.assert_allclose(quaternion_to_matrix(3 * q), R, atol=1e-12)


def test_euler_angles_depend_on_the_order() -> None:
    yaw, pitch, roll = 0.3, 0.2, 0.1
    zyx = euler_zyx_to_matrix(yaw, pitch, roll)
    xyz = euler_zyx_to_matrix(yaw, 0, 0).T @ zyx  # not the same: rotations do not commute
    assert not np.allclose(euler_zyx_to_matrix(0, 0, roll) @ euler_zyx_to_matrix(0, pitch, 0)
                           @ euler_zyx_to_matrix(yaw, 0, 0), zyx)
    np.testing.assert_allclose(xyz, euler_zyx_to_matrix(0, pitch, roll), atol=1e-15)


def test_gimbal_lock_at_pitch_90_degrees() -> None:
    """At pitch = 90 degrees only yaw - roll matters: two different angle triples, one rotation."""
    first = euler_zyx_to_matrix(0.5, math.pi / 2, 0.2)
    second = euler_zyx_to_matrix(0.8, math.pi / 2, 0.5)
    np.testing.assert_allclose(first, second, atol=1e-15)
    assert not np.allclose(euler_zyx_to_matrix(0.5, 1.2, 0.2), euler_zyx_to_matrix(0.8, 1.2, 0.5))


def test_averaging_rotation_matrices_does_not_give_a_rotation() -> None:
    mean = (euler_zyx_to_matrix(0.0, 0.0, 0.0) + euler_zyx_to_matrix(math.pi / 2, 0.0, 0.0)) / 2
    assert np.linalg.det(mean) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="must be a rotation"):
        project_points([[0.0, 0.0, 1.0]], K_EXAMPLE, mean, np.zeros(3))


@pytest.mark.parametrize(("call", "message"), [
    (lambda: project_points([[0, 0, 1, 1]], K_EXAMPLE, np.eye(3), np.zeros(3)), r"shape \(N, 3\)"),
    (lambda: project_points([[0, 0, np.nan]], K_EXAMPLE, np.eye(3), np.zeros(3)), "finite"),
    (lambda: project_points([[0, 0, 1]], np.eye(2), np.eye(3), np.zeros(3)), r"K must have shape \(3, 3\)"),
    (lambda: project_points([[0, 0, 1]], [[800, 0, 1], [0, 800, 1], [0, 0, 2]], np.eye(3), np.zeros(3)), "fx, fy > 0"),
    (lambda: project_points([[0, 0, 1]], K_EXAMPLE, np.diag([1.0, 1.0, -1.0]), np.zeros(3)), "determinant"),
    (lambda: project_points([[0, 0, 1]], K_EXAMPLE, np.eye(3), np.zeros(2)), r"t must have shape \(3,\)"),
    (lambda: quaternion_to_matrix([0, 0, 0, 0]), "q must not be zero"),
    (lambda: apply_homography(np.eye(3), [[1, 2, 3]]), r"shape \(N, 2\)"),
])
def test_bad_input_gets_a_clear_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
