"""Kabupaten-scale benchmark: a data generator (`manage.py buat_data_bench`) and
`bench/run.py` (`make bench`). Nothing in the app imports this package, except the
floor view that `sakip/urls.py` registers when `BENCH_FLOOR=1`."""
