#!/usr/bin/env python3
"""Writes h5py_sample.hdf5: a tiny Well-format file with exactly the types h5py produces
(booleans as HDF5 enums, Python ints as int64, [] as an empty float64 array), plus the quirks
real files have (a bare-string associated_dims, no time_varying on time, field_names not in
alphabetical order, a constant field with dim_varying [True, False]).

Every field value is value(q, traj, t, i, j, c) = q*10000 + traj*1000 + t*100 + i*10 + j + c/4
(q: field id, c: flattened tensor component), exact in float32, so tests can recompute them.

Run: /usr/bin/python3 make_h5py_sample.py   (needs h5py and numpy; Debian: python3-h5py)
"""
import os

import h5py
import numpy as np

N_TRAJ, T, NX, NY = 2, 5, 6, 4


def values(q, shape_tail, time=True, spatial=(NX, NY)):
    n_comp = int(np.prod(shape_tail)) if shape_tail else 1
    out = np.zeros((N_TRAJ, T if time else 1, *spatial, n_comp), dtype=np.float64)
    for b in range(N_TRAJ):
        for t in range(out.shape[1]):
            for idx in np.ndindex(*spatial):
                i = idx[0]
                j = idx[1] if len(idx) > 1 else 0
                for c in range(n_comp):
                    out[(b, t, *idx, c)] = q * 10000 + b * 1000 + t * 100 + i * 10 + j + c / 4
    out = out.reshape(N_TRAJ, out.shape[1], *spatial, *shape_tail)
    if not time:
        out = out[:, 0]
    return out.astype(np.float32)


def main(path):
    with h5py.File(path, "w") as f:
        f.attrs["dataset_name"] = "h5py_sample"
        f.attrs["grid_type"] = "cartesian"
        f.attrs["n_spatial_dims"] = 2
        f.attrs["n_trajectories"] = N_TRAJ
        f.attrs["simulation_parameters"] = ["F", "k"]
        f.attrs["F"] = 0.03
        f.attrs["k"] = 0.062

        dims = f.create_group("dimensions")
        dims.attrs["spatial_dims"] = ["x", "y"]
        dims.create_dataset("time", data=np.linspace(0, 1, T, dtype=np.float32))
        dims["time"].attrs["sample_varying"] = False  # no time_varying, like The Well's dummy file
        dims.create_dataset("x", data=np.linspace(0, 1, NX, dtype=np.float32))
        dims.create_dataset("y", data=np.cos(np.pi * np.arange(NY) / (NY - 1)).astype(np.float32))
        for d in ("x", "y"):
            dims[d].attrs["sample_varying"] = False
            dims[d].attrs["time_varying"] = False

        bcs = f.create_group("boundary_conditions")
        x_mask = np.zeros(NX, dtype=bool)
        x_mask[0] = x_mask[-1] = True
        y0_mask = np.zeros(NY, dtype=bool)
        y0_mask[0] = True
        yl_mask = np.zeros(NY, dtype=bool)
        yl_mask[-1] = True
        for name, dims_attr, bc_type, mask in (
            ("x_periodic", "x", "PERIODIC", x_mask),  # bare string, as the dummy writer
            ("y0_wall", ["y"], "WALL", y0_mask),
            ("yL_open", ["y"], "OPEN", yl_mask),
        ):
            g = bcs.create_group(name)
            g.attrs["associated_dims"] = dims_attr
            g.attrs["associated_fields"] = []
            g.attrs["bc_type"] = bc_type
            g.attrs["sample_varying"] = False
            g.attrs["time_varying"] = False
            g.create_dataset("mask", data=mask)

        scalars = f.create_group("scalars")
        scalars.attrs["field_names"] = ["F", "k", "forcing"]
        for name, val in (("F", 0.03), ("k", 0.062)):
            scalars.create_dataset(name, data=np.array(val))
            scalars[name].attrs["sample_varying"] = False
            scalars[name].attrs["time_varying"] = False
        scalars.create_dataset("forcing", data=np.arange(T, dtype=np.float64) / 8)
        scalars["forcing"].attrs["sample_varying"] = False
        scalars["forcing"].attrs["time_varying"] = True

        def field(group, name, data, sample=True, time=True, dim_varying=(True, True)):
            ds = group.create_dataset(name, data=data)
            ds.attrs["dim_varying"] = list(dim_varying)
            ds.attrs["sample_varying"] = sample
            ds.attrs["time_varying"] = time

        t0 = f.create_group("t0_fields")
        t0.attrs["field_names"] = ["B", "A", "bathymetry"]  # not alphabetical on purpose
        field(t0, "B", values(1, ()))
        field(t0, "A", values(2, ()))
        field(t0, "bathymetry", values(3, (), time=False, spatial=(NX,)), time=False, dim_varying=(True, False))
        t1 = f.create_group("t1_fields")
        t1.attrs["field_names"] = ["velocity"]
        field(t1, "velocity", values(4, (2,)))
        t2 = f.create_group("t2_fields")
        t2.attrs["field_names"] = ["D"]
        field(t2, "D", values(5, (2, 2)))


if __name__ == "__main__":
    main(os.path.join(os.path.dirname(os.path.abspath(__file__)), "h5py_sample.hdf5"))
