#!/usr/bin/env python3
"""Propose candidate concept terms and stopwords from a corpus, for review.

Nothing this script prints goes into data/lexicon/ unreviewed: it lists
candidates, a person decides. Two lists are written:

* ``concepts``: noun phrases of 2-4 jieba words that end in a head noun of
  the policy discourse (产业, 平台, 体系, 基础设施 ... the HEADS of
  kg-core/src/extract/concept.rs), ranked by corpus frequency times
  specificity. Specificity is ``log(N / (1 + f))`` with ``f`` the phrase's
  frequency in jieba's general dictionary (0 for a phrase jieba does not
  know) - a term frequent here but rare in general Chinese is a domain
  term. Phrases already in concepts.txt or containing a stopword are
  skipped.
* ``stopwords``: frequent words jieba tags as verbs, adverbs, pronouns,
  prepositions, conjunctions, numerals or time words - candidates for
  stopwords.txt (domain verbs such as 共享 or 认证 are then kept out by hand).

Usage (from the repository root; needs ``pip install jieba``)::

    python3 scripts/mine_concepts.py data/corpus /work/shared/external \
        --min-count 4 > /tmp/candidates.tsv

Files are read as UTF-8 (others are skipped); Traditional text is not
converted, so review its candidates by eye.
"""

import argparse
import collections
import math
import os
import re
import sys

try:
    import jieba
    import jieba.posseg as pseg
except ImportError:  # pragma: no cover - a tool, not a library
    sys.exit("needs jieba: pip install jieba")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEXICON = os.path.join(ROOT, "data", "lexicon")

HEADS = """产业 经济 平台 体系 市场 技术 数据 基础设施 设施 集群 模式 场景 服务 能力
机制 制度 生态 系统 生态系统 网络 工厂 要素 资源 资产 产品 安全 治理 转型 空间 业态
产业链 供应链 价值链 品牌 消费 创新 融合 终端 装备 金融 贸易 政务 标准 效应 韧性 算力
人才 模型 大模型 算法 芯片 软件 机器人 互联网 电商 企业 制造 制造业 服务业 农业 文旅
物流 能源 应用 技能 素养 赛道 园区 动能""".split()

FUNCTION_TAGS = {"v", "d", "p", "c", "u", "r", "m", "q", "t", "f", "ad", "vd"}


def read_words(name):
    out = []
    with open(os.path.join(LEXICON, name), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line.split()[0])
    return out


def texts(paths):
    for p in paths:
        files = [p]
        if os.path.isdir(p):
            files = [
                os.path.join(d, f)
                for d, _, fs in os.walk(p)
                for f in sorted(fs)
                if f.endswith(".txt")
            ]
        for f in files:
            try:
                with open(f, encoding="utf-8") as fh:
                    yield fh.read()
            except UnicodeDecodeError:
                print(f"skipped (not UTF-8): {f}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--min-count", type=int, default=4)
    ap.add_argument("--top", type=int, default=600)
    args = ap.parse_args()

    jieba.setLogLevel(60)
    concepts = set(read_words("concepts.txt"))
    stopwords = set(read_words("stopwords.txt"))
    for w in concepts:
        jieba.add_word(w, 20000, "nz")
    dict_freq = {}
    total = 0
    for word, freq in jieba.dt.FREQ.items():
        dict_freq[word] = freq
        total += freq

    phrases = collections.Counter()
    verbs = collections.Counter()
    heads = set(HEADS)
    for text in texts(args.paths):
        for chunk in re.split(r"[^\u4e00-\u9fff0-9A-Za-z]+", text):
            if not chunk:
                continue
            tagged = list(pseg.cut(chunk))
            words = [w.word for w in tagged]
            for w in tagged:
                if len(w.word) >= 2 and w.flag in FUNCTION_TAGS and w.word not in concepts:
                    verbs[w.word] += 1
            for j, head in enumerate(words):
                if head not in heads and head not in concepts:
                    continue
                for i in range(max(0, j - 3), j):
                    parts = words[i : j + 1]
                    if any(len(p) < 2 or p in stopwords for p in parts):
                        continue
                    phrases["".join(parts)] += 1

    def specificity(term):
        return math.log(total / (1 + dict_freq.get(term, 0)))

    print("# concepts\tcount\tscore")
    scored = [
        (c * specificity(t), t, c)
        for t, c in phrases.items()
        if c >= args.min_count and t not in concepts
    ]
    for score, term, count in sorted(scored, reverse=True)[: args.top]:
        print(f"{term}\t{count}\t{score:.1f}")
    print("# stopwords\tcount")
    for word, count in verbs.most_common(args.top):
        if count >= args.min_count and word not in stopwords:
            print(f"{word}\t{count}")


if __name__ == "__main__":
    main()
