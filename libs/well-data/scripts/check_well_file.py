"""Checks HDF5 files against the rules of The Well's format checker, as h5py sees them.

Usage: python3 check_well_file.py FILE...   (exit 0 when every file passes; one line per problem)

Used by libs/well-data/src/h5/h5py-check.test.ts when h5py is importable. Follows
docs/well-format.md §4 and §7: the flags (`sample_varying`, `time_varying`, entries of
`dim_varying`) and boundary masks must be numpy booleans, the sizes of sample, time and spatial axes
must agree with `n_trajectories`, `dimensions/time` and the coordinates.
"""
import sys

import h5py
import numpy as np


def is_bool(v):
    return isinstance(v, (bool, np.bool_))


def is_str_list(v):
    return isinstance(v, (list, np.ndarray)) and all(isinstance(s, str) for s in v)


def check(path):
    problems = []

    def need(cond, msg):
        if not cond:
            problems.append(f"{path}: {msg}")
        return bool(cond)

    with h5py.File(path, "r") as f:
        a = f.attrs
        for key in ("n_spatial_dims", "n_trajectories", "dataset_name", "grid_type", "simulation_parameters"):
            need(key in a, f"root attribute '{key}' missing")
        if problems:
            return problems
        need(isinstance(a["n_trajectories"], (int, np.integer)), "n_trajectories is not an integer")
        need(isinstance(a["n_spatial_dims"], (int, np.integer)), "n_spatial_dims is not an integer")
        need(isinstance(a["dataset_name"], str), "dataset_name is not a string")
        need(isinstance(a["grid_type"], str), "grid_type is not a string")
        for p in a["simulation_parameters"]:
            need(p in a, f"simulation parameter '{p}' has no root attribute")
        n_traj = int(a["n_trajectories"])

        def flags(obj, where):
            ok = True
            for flag in ("sample_varying", "time_varying"):
                if need(flag in obj.attrs, f"{where}: attribute '{flag}' missing"):
                    v = obj.attrs[flag]
                    ok &= need(is_bool(v), f"{where}: attribute '{flag}' should be a boolean, got {type(v).__name__}")
                else:
                    ok = False
            return ok

        dims = f["dimensions"]
        spatial = list(dims.attrs["spatial_dims"])
        need(is_str_list(spatial), "dimensions@spatial_dims is not a list of strings")
        need(len(spatial) == int(a["n_spatial_dims"]) > 0, "spatial_dims does not match n_spatial_dims")
        need("time" in dims, "dimensions/time missing")
        v = dims["time"].attrs.get("sample_varying")
        need(is_bool(v), f"dimensions/time: attribute 'sample_varying' should be a boolean, got {type(v).__name__}")
        n_time = dims["time"].shape[-1]
        for d in spatial:
            if need(d in dims, f"dimensions/{d} missing"):
                flags(dims[d], f"dimensions/{d}")

        for order in range(3):
            g = f[f"t{order}_fields"]
            names = list(g.attrs["field_names"])
            need(is_str_list(names), f"t{order}_fields@field_names is not a list of strings")
            for name in names:
                where = f"t{order}_fields/{name}"
                if not need(name in g, f"{where} missing") or not flags(g[name], where):
                    continue
                ds, axis = g[name], 0
                if ds.attrs["sample_varying"]:
                    need(ds.shape[0] == n_traj, f"{where}: sample axis {ds.shape[0]} != n_trajectories {n_traj}")
                    axis += 1
                if ds.attrs["time_varying"]:
                    need(ds.shape[axis] == n_time, f"{where}: time axis {ds.shape[axis]} != {n_time} times")
                    axis += 1
                dv = ds.attrs.get("dim_varying")
                if not need(isinstance(dv, np.ndarray) and len(dv) == len(spatial), f"{where}: dim_varying is not a list of {len(spatial)}"):
                    continue
                need(all(is_bool(x) for x in dv), f"{where}: dim_varying entries should be booleans, got {dv.dtype}")
                for d, varying in zip(spatial, dv):
                    if varying:
                        need(ds.shape[axis] == dims[d].shape[-1], f"{where}: axis {d} {ds.shape[axis]} != {dims[d].shape[-1]}")
                        axis += 1
                need(ds.ndim == axis + order, f"{where}: {ds.ndim} axes, expected {axis + order}")

        sc = f["scalars"]
        for name in list(sc.attrs["field_names"]):
            where = f"scalars/{name}"
            if need(name in sc, f"{where} missing") and flags(sc[name], where):
                want = int(sc[name].attrs["sample_varying"]) + int(sc[name].attrs["time_varying"])
                need(sc[name].ndim == want, f"{where}: {sc[name].ndim} axes, expected {want}")

        for key in f["boundary_conditions"]:
            bc, where = f["boundary_conditions"][key], f"boundary_conditions/{key}"
            need("bc_type" in bc.attrs, f"{where}: bc_type missing")
            need("associated_fields" in bc.attrs, f"{where}: associated_fields missing")
            ok = flags(bc, where)
            assoc = bc.attrs.get("associated_dims")
            need(isinstance(assoc, (list, np.ndarray)) and len(assoc) > 0, f"{where}: associated_dims is not a non-empty list")
            if not need("mask" in bc, f"{where}: mask missing") or not ok:
                continue
            mask = bc["mask"]
            need(mask.dtype == np.bool_, f"{where}/mask should be boolean, got {mask.dtype}")
            lead = int(bc.attrs["sample_varying"]) + int(bc.attrs["time_varying"])
            for i, d in enumerate(assoc if isinstance(assoc, np.ndarray) else [assoc]):
                need(d in spatial, f"{where}: associated dim {d} not in spatial_dims")
                if d in spatial:
                    need(mask.shape[lead + i] == dims[d].shape[-1], f"{where}/mask axis {d} {mask.shape[lead + i]} != {dims[d].shape[-1]}")
    return problems


def main(paths):
    problems = [p for path in paths for p in check(path)]
    for p in problems:
        print(p)
    if not problems:
        print(f"ok: {len(paths)} file(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
