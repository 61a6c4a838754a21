"""Stage 7: ``docgen render`` — many files through the pipeline on a pool or a Dask cluster, the cache of
what is unchanged, and the publication set (汇总.xlsx, 审核意见, 绩效自评结果报告) of what changed."""
