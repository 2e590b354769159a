"""Analysis stage: policy packs, embeddings, post and account judgements, findings."""
