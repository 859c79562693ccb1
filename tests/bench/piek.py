"""Peak resident memory of this process, for the DuckDB references of `vth bench`.

VmHWM belongs to this process's own memory map. `ru_maxrss` does not: Linux carries
it over exec, so a reference started by `vth bench` reported the bench process's
peak (2.5 GiB after reading a ten-year output) instead of its own."""


def piek_bytes():
    with open("/proc/self/status") as f:
        for regel in f:
            if regel.startswith("VmHWM:"):
                return int(regel.split()[1]) * 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
