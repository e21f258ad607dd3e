// Torch keeps process-wide state (the random generator seeded before a model is built, the thread pool), so the test
// classes of this assembly run one after another; libtorch uses both cores inside each test anyway.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
