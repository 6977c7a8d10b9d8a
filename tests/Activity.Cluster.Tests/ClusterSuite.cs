// Silo processes, kills and timings: the classes of this suite run one after another (tests/run.sh
// also runs the suite alone), so one cluster's failover is not measured while another loads the cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
