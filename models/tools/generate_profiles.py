#!/usr/bin/python3
"""Generate models/profiles/<soc>.json: per-inference latency of every feasible design.

    /usr/bin/python3 models/tools/generate_profiles.py               # (re)write all profile files
    /usr/bin/python3 models/tools/generate_profiles.py --check       # exit 1 if a file would change
    /usr/bin/python3 models/tools/generate_profiles.py --calibration # print the calibration table
    build/socsim calibrate --format loo > loo.csv
    /usr/bin/python3 models/tools/generate_profiles.py --calibration loo.csv  # + estimate vs fit (FITTED_CPU)

Inputs: the SoC presets socs/*.json (clusters, core types, max frequencies, DRAM
bandwidth, which engines exist) and the model families models/*.json (params,
gflops, parallel_frac, memory_bound_frac, precision builds). The measured anchors
and every scaling constant live in this file, with their sources. Output is
deterministic: no randomness, no clock, fixed order and rounding.

HONESTY: none of the five SoCs has a public TFLite latency for these models, so
EVERY generated profile is "estimated": true (the SD 8 Gen 2's CPU entries are computed with
socsim calibrate's fit to its own ncnn points instead of step 2 -- FITTED_CPU below -- and are
estimated all the same), with a `method` naming its anchor
and the scaling applied. Anchors are public measurements on other devices
(mostly the Pixel 4 = Snapdragon 855), quoted in /work/shared/design/DATA.md.

What a profile means (profiles.schema.json): mean latency of one inference, batch
1, at the reference (highest) frequency of every domain, on a cool, idle device;
latency_sd_ms = run-to-run SD; bandwidth_gbps = DRAM bandwidth the memory-bound
part demands. CPU profiles with `threads` = N assume the N threads run on the N
fastest cores (prime first), which is where Android's scheduler puts busy threads.

THE METHOD
----------
1. Anchor latency at the anchor device (Pixel 4 / SD855, TFLite, CPU 4 threads on
   1 prime + 3 gold Cortex-A76) for each variant and precision: a measured value
   where one exists (EfficientNet-Lite table; MobileBERT paper), else derived from
   the nearest measured neighbour model by FLOPs ratio, with an architecture
   factor taken from a measured same-device ratio (ncnn table) where available.
   Precision factors at the anchor: fp16 = fp32 (XNNPACK dequantises fp16 weights
   to fp32 by default), dr8 = 0.85 x fp32 (CNN/audio), 0.75 (MobileViT), 0.6 (BERT
   -- dynamic-range kernels help fully-connected layers most), fx8 = 0.5 x fp32
   unless measured, ffx8 = 0.6 (MobileViT) / 0.55 (BERT) x fp32.
2. CPU model. Split the anchor latency into a memory part Tm = m * T and a compute
   part Tc = (1 - m) * T (m = memory_bound_frac). The compute work W (in
   "A76-at-1-GHz milliseconds") follows from the anchor's core speeds:
       Tc = W * k(cores, N, p),  k = (1-p)/s1 + p*(1 + o*(N-1)) / R(N)
       R(N) = beta * sum(s_i) + (1 - beta) * N * min(s_i)     (i = 1..N fastest cores)
   with p = parallel_frac, s_i = IPC(core type) * f_max[GHz], o = 0.03 per extra
   thread (barriers per operator), beta = 0.25: threads that land on slower cores
   hold up the others (beta = 0 is a static split; beta = 1 perfect work stealing).
   beta = 0.25 sits between ncnn's static OpenMP split (8 threads over all cores
   2x slower than 4 big on the SD 8 Gen 2, DATA.md) and ideal stealing.
   On SoC S: T = Tm * sqrt(BW_anchor / BW_S) + W * k(S's cores, N, p)
   (memory-bound layers are partly latency-bound, hence the square root).
3. GPU model (Adreno 640 of the Pixel 4 as anchor). T = c0 + work / g_S, with the
   fixed per-inference overhead c0 and the slope fitted to the EfficientNet-Lite
   Pixel 4 GPU measurements (fp32 and fp16 separately); work = measured - c0 for
   EfficientNet-Lite, else slope * gflops * arch factor (depthwise CNN 1.0, ResNet
   0.6, MobileViT 1.5, BERT 1.2). g_S = GPU throughput relative to Adreno 640.
4. NPU/DSP model (anchor line: the int8 Edge TPU column of the EfficientNet-Lite
   README, Lite0-3; DATA.md lists it with the Pixel 4 numbers). T = c0_S + work / speedup_S, work = measured - c0 (Lite0-3) or
   slope * gflops * arch factor; fp16 work x2 (half the int8 MAC rate). speedup_S
   is calibrated per SoC on a public point where one exists (see NPU table below).
   Transformer ops partly fall back or map poorly on older NPUs/DSPs (arch factor
   MobileViT 3.0, BERT 2.0) and map well on HTP-class NPUs (MobileViT 1.5,
   BERT 0.4 -- checked against MLPerf's MobileBERT on the 8 Gen 3 HTP).
5. Run-to-run SD: CPU 3/4/5/8 % of the mean for 1/2/4/8 threads, GPU 6 %, DSP 6 %,
   NPU 8 % (NNAPI adds driver jitter).
6. bandwidth_gbps = bytes moved per inference / (memory_bound_frac * latency),
   bytes = weights at the engine's storage precision + activation traffic
   (elements per GFLOP: depthwise CNN 8e6, ResNet 1.5e6, MobileViT 6e6, BERT 0.5e6,
   audio 8e6; 4/2/1 bytes for float/fp16/int8); NPU/DSP keep up to 8 MB of weights
   on chip and spill only 25 % of the activation traffic. Capped at 70 % of the
   SoC's DRAM peak (an isolated inference must be able to reach its own demand).
The generator checks these rules and exits 2 on a violation: more threads never
slower up to the big-core count (cores at >= 60 % of the fastest core's speed);
GPU fp16 faster than GPU fp32; a variant with both more FLOPs and more parameters
than another of its family slower on the same engine/precision/threads (variants
that trade one for the other, e.g. MobileNetV3-Large vs V2, are not ordered);
an NPU int8 build the fastest design of each variant on SoCs with an NPU --
except YAMNet (0.14 GFLOP): its float front end runs on the CPU either way and
the NPU path pays a hand-off, so a fast CPU beats the NPU on it, as is usual for
tiny models behind NNAPI.
"""
import glob
import json
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import generated  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_DIR = os.path.dirname(HERE)
ROOT = os.path.dirname(MODELS_DIR)

# ---------------------------------------------------------------------------
# Measured anchors (all from /work/shared/design/DATA.md unless stated)
# ---------------------------------------------------------------------------
SRC_EFFLITE = "EfficientNet-Lite README (TensorFlow TPU repo), Pixel 4, quoted in DATA.md"
SRC_TFLITE = "TensorFlow Lite published benchmarks, Pixel 4 (SD855), quoted in DATA.md"
SRC_NCNN = "ncnn benchmark table, quoted in DATA.md"
SRC_SLIM = "TF-slim MobileNet README, Pixel 3 large-core TFLite latencies"
SRC_MOBILEBERT = "MobileBERT paper (Sun et al., ACL 2020) abstract: 62 ms on a Pixel 4"
SRC_BERTBASE = ("MobileBERT paper's table: BERT-base 342 ms on the same Pixel 4 setup "
                "(value recalled, not re-read in this session)")
SRC_AIHUB = "Qualcomm AI Hub MobileNet-v2 float TFLite on NPU, 8 Gen 2 (QCS8550 proxy) 0.843 ms, quoted in DATA.md"
SRC_MLPERF = "MLPerf Mobile v4.0 MobileBERT on the SD 8 Gen 3 HTP 2.31 ms, quoted in DATA.md"

# Pixel 4 / SD855 EfficientNet-Lite measurements (ms)
EFFLITE = {  # name: (fp32 CPU 4T, int8 CPU 4T, fp32 GPU, fp16 GPU, int8 Edge TPU or None)
    "efficientnet_lite0": (12.0, 6.5, 9.0, 6.0, 3.8),
    "efficientnet_lite1": (18.0, 9.1, 12.0, 8.0, 5.4),
    "efficientnet_lite2": (26.0, 12.0, 16.0, 10.0, 7.9),
    "efficientnet_lite3": (41.0, 18.0, 23.0, 14.0, 9.7),
    "efficientnet_lite4": (76.0, 30.0, 36.0, 21.0, None),
}
EFFLITE_GFLOPS = {"efficientnet_lite0": 0.814, "efficientnet_lite1": 1.262, "efficientnet_lite2": 1.798,
                  "efficientnet_lite3": 2.88, "efficientnet_lite4": 5.28}
MNV1_GFLOPS = 1.138              # MobileNet v1 1.0 224: 569M MACs (TF-slim README)
MNV1_CPU_FP32_P4 = 14.0          # TFLite benchmarks, Pixel 4 CPU 4 threads
MNV1_CPU_INT8_P4 = 5.0
MNV1_NNAPI_INT8_P4 = 3.2         # Pixel 4 NNAPI (Hexagon 690 on SD855)
NCNN_855P_4BIG = {"mobilenet_v2": 4.68, "mobilenet_v3": 4.18, "efficientnet_b0": 7.30, "resnet50": 26.24}
NCNN_855P_1BIG = {"mobilenet_v2": 9.84, "mobilenet_v3": 8.21, "efficientnet_b0": 17.73, "resnet50": 65.93}
NCNN_8G2_4BIG = {"mobilenet_v2": 3.23, "mobilenet_v3": 3.46, "efficientnet_b0": 5.74, "resnet50": 18.94}
NCNN_8G2_8ALL = {"mobilenet_v2": 6.53, "mobilenet_v3": 7.16, "efficientnet_b0": 9.94, "resnet50": 36.06}
NCNN_D9300_4BIG = {"mobilenet_v2": 2.80, "mobilenet_v3": 2.47, "efficientnet_b0": 5.08, "resnet50": 19.05}
SLIM_V3_P3 = {"large_fp32": 44.0, "large_int8": 32.0, "small_fp32": 14.4, "small_int8": 10.7}
MOBILEBERT_CPU_P4 = 62.0
BERTBASE_CPU_P4 = 342.0
BERTBASE_GFLOPS = 22.5
YAMNET_FRONTEND_MS = 0.3         # estimate: STFT + mel + log of 0.975 s audio, float, on one core

# ---------------------------------------------------------------------------
# Hardware constants
# ---------------------------------------------------------------------------
# DNN throughput per clock relative to Cortex-A76 (estimates; see README). Linux
# capacity-dmips-mhz measures Dhrystone-like integer code, not NEON GEMMs, so it is
# not reused here: e.g. X1 doubles A78's 128-bit NEON pipes (4 vs 2).
IPC = {"Cortex-A55": 0.40, "Cortex-A510": 0.50, "Cortex-A76": 1.00, "Cortex-A77": 1.05,
       "Cortex-A78": 1.08, "Cortex-A715/A710": 1.10, "Cortex-A720": 1.20, "Cortex-X1": 1.30,
       "Cortex-X3": 1.45, "Cortex-X4": 1.60}
ANCHOR_CORES = [("Cortex-A76", 2841.6, 1), ("Cortex-A76", 2419.2, 3), ("Cortex-A55", 1785.6, 4)]  # SD855
ANCHOR_855P_CORES = [("Cortex-A76", 2956.8, 1), ("Cortex-A76", 2419.2, 3), ("Cortex-A55", 1785.6, 4)]
ANCHOR_DRAM_GBPS = 34.1          # SD855 LPDDR4X-4266 x 64 bit
BETA = 0.25
OVERHEAD_PER_THREAD = 0.03

# CPU entries regenerated from `socsim calibrate`'s fit (models/measurements/fitted.json) instead of
# the IPC x f_max estimate, per SoC. Shipped only where the fit predicts the SoC's own measured
# points better than the estimate does, both judged on the same points (`--calibration` prints the
# comparison: leave-one-out predictions of the fit vs the estimate transferred from the SD855+'s
# measured 4-big times): SD 8 Gen 2 14.1 % vs 27.4 % MAPE over MobileNetV2/V3, EfficientNet-B0 and
# ResNet-50 at 1/4/8 threads (15.3 % vs 24.0 % without the 1-thread rows, whose core is not
# pinned) -> fitted. Dimensity 9300 12.6 % vs 11.5 % (4-thread rows only) -> the estimate stays.
FITTED_CPU = {"snapdragon8gen2": ("ncnn", "cpu", "fp32")}
FIT_REF = "snapdragon855plus"            # the fitted group's SoC nearest the anchor (SD855 + 4 % prime clock)
SD855_PRIME_VS_855P = 2841.6 / 2956.8    # SD855's prime clock / SD855+'s (same A76 cores otherwise)
SD855_GOLD_SPEED = 2419.2 / 2841.6       # SD855's gold cores relative to its prime (clock ratio)

# GPU throughput relative to the Pixel 4's Adreno 640 (estimates from vendor generational claims,
# derated for compute; ncnn's Vulkan GPU column is dominated by dispatch overhead on small nets and
# was not used).
GPU_REL = {
    "snapdragon865": (1.25, "Adreno 650 = 1.25 x Adreno 640 (Qualcomm: +25 % graphics performance)"),
    "tensor_g2": (1.10, "Mali-G710 MP7 = 1.1 x Adreno 640 (estimate: about Adreno 650-class graphics, "
                        "less mature TFLite GPU kernels on Mali)"),
    "snapdragon730": (0.40, "Adreno 618 = 0.4 x Adreno 640 (estimate: mid-range part, about 40 % of the "
                            "flagship's shader throughput)"),
    "snapdragon8gen2": (2.20, "Adreno 740 = 2.2 x Adreno 640 (estimate: chain of Qualcomm's +25/+35/+30/+25 % "
                              "generational graphics claims, derated x0.8 for compute)"),
    "dimensity9300": (2.40, "Immortalis-G720 MC12 = 2.4 x Adreno 640 (estimate: slightly above Adreno 740)"),
}
GPU_ARCH = {"mbconv": 1.0, "dense": 0.6, "vit": 1.5, "bert": 1.2, "audio": 1.0}

# NPU / DSP per SoC: c0 (ms fixed per inference), speedup over the EfficientNet-Lite README Edge TPU line,
# generation ("old": HTA / Edge TPU / HVX DSPs; "new": HTP-class), fp16 support, and how set.
NPU_ARCH = {"old": {"mbconv": 1.0, "dense": 0.6, "vit": 3.0, "bert": 2.0, "audio": 1.0},
            "new": {"mbconv": 1.0, "dense": 0.6, "vit": 1.5, "bert": 0.4, "audio": 1.0}}
SD865_MNV1_NPU_MS = MNV1_NNAPI_INT8_P4 / 1.6    # HTA of SD865 assumed 1.6x SD855's NNAPI path
SD865_MNV1_DSP_MS = 2.6                          # Hexagon 698 HVX alone (estimate)
SD730_MNV1_DSP_MS = MNV1_NNAPI_INT8_P4 / 0.64    # Hexagon 688 assumed 0.64x Hexagon 690 (fewer HVX threads, lower clock)
AIHUB_8G2_MNV2_FP16 = 0.843
MNV2_GFLOPS = 0.6

CPU_SD = {1: 0.03, 2: 0.04, 4: 0.05, 8: 0.08}
GPU_SD, NPU_SD, DSP_SD = 0.06, 0.08, 0.06
K_ACT = {"mbconv": 8e6, "dense": 1.5e6, "vit": 6e6, "bert": 0.5e6, "audio": 8e6}
BW_CAP_FRAC = 0.7
ACCEL_ONCHIP_BYTES = 8e6     # NPU/DSP on-chip weight store (Edge TPU 8 MB SRAM class; Hexagon VTCM/TCM), estimate
ACCEL_ACT_SPILL = 0.25       # share of activation traffic an NPU/DSP spills to DRAM, estimate

COMPAT = {"cpu": ["fp32", "fp16", "dr8", "fx8", "ffx8"], "gpu": ["fp32", "fp16"],
          "npu": ["fx8", "ffx8", "fp16"], "dsp": ["fx8"]}
NPU_FP16 = {"snapdragon865": False, "tensor_g2": False, "snapdragon8gen2": True, "dimensity9300": True}

# Architecture class of every variant (drives the GPU/NPU/bandwidth factors).
ARCH = {}
for n in EFFLITE:
    ARCH[n] = "mbconv"
ARCH.update({"mobilenet_v2_1_0": "mbconv", "mobilenet_v3_large": "mbconv", "mobilenet_v3_small": "mbconv",
             "mobilevit_xxs": "vit", "mobilevit_xs": "vit", "mobilevit_s": "vit",
             "mobilenet_v2_places365": "mbconv", "efficientnet_b0_places365": "mbconv",
             "resnet18_places365": "dense", "resnet50_places365": "dense",
             "tinybert4": "bert", "mobilebert": "bert", "distilbert": "bert", "albert_base": "bert",
             "yamnet": "audio"})
for t in ("gender", "age", "ethnicity"):
    ARCH.update({f"{t}_mobilenet_v3_small": "mbconv", f"{t}_mobilenet_v2": "mbconv", f"{t}_resnet34": "dense"})


def fmt(x, nd):
    return float(f"{x:.{nd}f}")


# ---------------------------------------------------------------------------
# Step 1: anchor CPU latency on the Pixel 4, 4 threads, per variant and precision
# ---------------------------------------------------------------------------
def cpu_anchor_fp32(name, gflops):
    """(ms, description) of the fp32 4-thread TFLite latency on the Pixel 4."""
    mnv2 = EFFLITE["efficientnet_lite0"][0] * MNV2_GFLOPS / EFFLITE_GFLOPS["efficientnet_lite0"]
    mnv2_d = (f"MobileNetV2 = EfficientNet-Lite0 12 ms ({SRC_EFFLITE}) x FLOPs ratio 0.6/0.814 = "
              f"{mnv2:.2f} ms")
    dense_per_gflop = mnv2 * NCNN_855P_4BIG["resnet50"] / NCNN_855P_4BIG["mobilenet_v2"] / 8.2
    dense_d = (f"{mnv2_d}; dense ResNets: x ncnn SD855+ ResNet-50/MobileNetV2 time ratio 26.24/4.68 "
               f"({SRC_NCNN}) per 8.2 GFLOP of ResNet-50 = {dense_per_gflop:.3f} ms/GFLOP")
    v3l = mnv2 * NCNN_855P_4BIG["mobilenet_v3"] / NCNN_855P_4BIG["mobilenet_v2"]
    v3s = v3l * SLIM_V3_P3["small_fp32"] / SLIM_V3_P3["large_fp32"]
    if name in EFFLITE:
        return EFFLITE[name][0], f"measured {EFFLITE[name][0]} ms ({SRC_EFFLITE})"
    if name in ("mobilenet_v2_1_0", "mobilenet_v2_places365") or name.endswith("_mobilenet_v2"):
        t = mnv2 * gflops / MNV2_GFLOPS
        return t, mnv2_d + (f" x {gflops}/0.6 GFLOPs" if gflops != MNV2_GFLOPS else "")
    if name == "mobilenet_v3_large":
        return v3l, f"{mnv2_d}; x ncnn SD855+ MobileNetV3/V2 ratio 4.18/4.68 ({SRC_NCNN})"
    if name == "mobilenet_v3_small" or name.endswith("_mobilenet_v3_small"):
        t = v3s * gflops / 0.132
        return t, (f"{mnv2_d}; x ncnn MobileNetV3/V2 4.18/4.68; x Small/Large ratio 14.4/44 ({SRC_SLIM})"
                   + (f" x {gflops}/0.132 GFLOPs" if gflops != 0.132 else ""))
    if name == "efficientnet_b0_places365":
        t = mnv2 * NCNN_855P_4BIG["efficientnet_b0"] / NCNN_855P_4BIG["mobilenet_v2"]
        return t, f"{mnv2_d}; x ncnn SD855+ EfficientNet-B0/MobileNetV2 ratio 7.30/4.68 ({SRC_NCNN})"
    if ARCH[name] == "dense":
        return dense_per_gflop * gflops, dense_d + f" x {gflops} GFLOPs"
    if ARCH[name] == "vit":
        t = EFFLITE["efficientnet_lite0"][0] * gflops / EFFLITE_GFLOPS["efficientnet_lite0"] * 1.5
        return t, (f"EfficientNet-Lite0 12 ms ({SRC_EFFLITE}) x FLOPs ratio {gflops}/0.814 x 1.5 "
                   f"(estimated Transformer-block inefficiency on mobile CPUs: attention, unfold/fold "
                   f"reshapes, LayerNorm)")
    if name == "mobilebert":
        return MOBILEBERT_CPU_P4, f"measured {MOBILEBERT_CPU_P4} ms ({SRC_MOBILEBERT}; TFLite, 128 tokens)"
    if ARCH[name] == "bert":
        t = BERTBASE_CPU_P4 * gflops / BERTBASE_GFLOPS
        return t, f"BERT-base {BERTBASE_CPU_P4} ms ({SRC_BERTBASE}) x FLOPs ratio {gflops}/{BERTBASE_GFLOPS}"
    if name == "yamnet":
        t = MNV1_CPU_FP32_P4 * gflops / MNV1_GFLOPS + YAMNET_FRONTEND_MS
        return t, (f"MobileNet v1 {MNV1_CPU_FP32_P4} ms ({SRC_TFLITE}) x FLOPs ratio {gflops}/{MNV1_GFLOPS} "
                   f"+ {YAMNET_FRONTEND_MS} ms float audio front end (estimate)")
    raise KeyError(name)


def cpu_anchor(name, gflops, prec):
    t32, d32 = cpu_anchor_fp32(name, gflops)
    arch = ARCH[name]
    if prec == "fp32":
        return t32, d32
    if prec == "fp16":
        return t32, d32 + "; fp16 = fp32 on the CPU (XNNPACK dequantises fp16 weights to fp32 by default)"
    if prec == "dr8":
        f = {"mbconv": 0.85, "dense": 0.85, "audio": 0.85, "vit": 0.75, "bert": 0.6}[arch]
        return t32 * f, d32 + f"; dr8 = {f} x fp32 (estimate)"
    if prec == "fx8":
        if name in EFFLITE:
            return EFFLITE[name][1], f"measured int8 {EFFLITE[name][1]} ms ({SRC_EFFLITE})"
        if name == "mobilenet_v3_large":
            f = SLIM_V3_P3["large_int8"] / SLIM_V3_P3["large_fp32"]
            return t32 * f, d32 + f"; int8 = fp32 x {f:.3f} (8-bit/float ratio, {SRC_SLIM})"
        if name == "mobilenet_v3_small" or name.endswith("_mobilenet_v3_small"):
            f = SLIM_V3_P3["small_int8"] / SLIM_V3_P3["small_fp32"]
            return t32 * f, d32 + f"; int8 = fp32 x {f:.3f} (8-bit/float ratio, {SRC_SLIM})"
        return t32 * 0.5, d32 + "; fx8 = 0.5 x fp32 (estimate within the 0.4-0.55 int8/fp32 ratios measured " \
                                "for EfficientNet-Lite on the Pixel 4)"
    if prec == "ffx8":
        if name == "yamnet":
            body = MNV1_CPU_INT8_P4 * gflops / MNV1_GFLOPS
            return body + YAMNET_FRONTEND_MS, (f"MobileNet v1 int8 {MNV1_CPU_INT8_P4} ms ({SRC_TFLITE}) x FLOPs "
                                               f"ratio {gflops}/{MNV1_GFLOPS} + {YAMNET_FRONTEND_MS} ms float "
                                               f"front end (ffx8 fall-back)")
        f = {"vit": 0.6, "bert": 0.55}[arch]
        return t32 * f, d32 + f"; ffx8 = {f} x fp32 (estimate: int8 GEMMs, float fall-back for softmax/LayerNorm/GELU)"
    raise KeyError(prec)


# ---------------------------------------------------------------------------
# Step 2: CPU thread / core model
# ---------------------------------------------------------------------------
def core_speeds(cores):
    """cores: [(core_type, fmax_mhz, count)] -> per-core speeds, fastest first."""
    s = []
    for ct, f, n in cores:
        s += [IPC[ct] * f / 1000.0] * n
    return sorted(s, reverse=True)


def k_factor(speeds, n, pf):
    s = speeds[:n]
    r = BETA * sum(s) + (1 - BETA) * n * min(s)
    return (1 - pf) / s[0] + pf * (1 + OVERHEAD_PER_THREAD * (n - 1)) / r


def soc_cores(soc):
    cpu = [p for p in soc["processors"] if p["kind"] == "cpu"][0]
    out = []
    for c in cpu["clusters"]:
        ct = c["core_type"].split(" ")[0]
        out.append((ct, c["dvfs"]["opps"][-1]["freq_mhz"], c["cores"]))
    return cpu["name"], out


def cpu_latency(t_anchor, m, pf, speeds, n, bw):
    tm = m * t_anchor
    w = (1 - m) * t_anchor / k_factor(core_speeds(ANCHOR_CORES), 4, pf)
    return tm * math.sqrt(ANCHOR_DRAM_GBPS / bw) + w * k_factor(speeds, n, pf)


def fitted_group(key):
    with open(FITTED, encoding="utf-8") as fh:
        doc = json.load(fh)
    return [g for g in doc["groups"] if (g["runtime"], g["processor"], g["precision"]) == key][0]


def fitted_parallel_frac(key):
    """Per library variant, the parallel fraction the fit gives its measured counterpart
    (models/measurements/models.csv maps measured models to variants), and the mean over the
    group's models for every other variant."""
    import csv
    g = fitted_group(key)
    ps = {m: f["parallel_frac"] for m, f in g["models"].items()}
    out = {}
    with open(os.path.join(MODELS_DIR, "measurements", "models.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["library_variant"] and r["model"] in ps:
                out[r["library_variant"]] = (ps[r["model"]], f"fitted to ncnn's {r['model']}")
    return out, sum(ps.values()) / len(ps)


def fitted_cpu(soc):
    """The fitted CPU of a FITTED_CPU SoC: (fastest-core throughput relative to the SD855+ prime,
    per-core speeds fastest first relative to the fastest core, the LITTLE speed)."""
    g = fitted_group(FITTED_CPU[soc["name"]])
    f = g["socs"][soc["name"]]
    cpu = [p for p in soc["processors"] if p["kind"] == "cpu"][0]
    speeds = []
    for i, c in enumerate(cpu["clusters"]):
        last = i == len(cpu["clusters"]) - 1 and i > 0
        speeds += [f["little_speed"] if last else c["capacity"] / 1024] * c["cores"]
    return f["throughput"] / g["socs"][FIT_REF]["throughput"], speeds, f["little_speed"]


def static_split(pf, speeds, n):
    """The calibrated model's thread factor: (1 - p) on the fastest core + p split evenly over the n
    fastest cores, finishing with the slowest (sim/calib/fit.h, hw::parallel_time)."""
    return (1 - pf) + pf / (n * min(speeds[:n]))


def cpu_latency_fitted(t_anchor, pf, fit, n):
    rel, speeds, _ = fit
    g855 = (1 - pf) + pf / (4 * SD855_GOLD_SPEED)
    return t_anchor * SD855_PRIME_VS_855P / rel * static_split(pf, speeds, n) / g855


# ---------------------------------------------------------------------------
# Step 3: GPU lines (Adreno 640 of the Pixel 4)
# ---------------------------------------------------------------------------
def fit_line(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    slope = sxy / sxx
    return my - slope * mx, slope


_L = sorted(EFFLITE)
GPU_LINE = {
    "fp32": fit_line([EFFLITE_GFLOPS[n] for n in _L], [EFFLITE[n][2] for n in _L]),
    "fp16": fit_line([EFFLITE_GFLOPS[n] for n in _L], [EFFLITE[n][3] for n in _L]),
}
_E = [n for n in _L if EFFLITE[n][4] is not None]
EDGE_LINE = fit_line([EFFLITE_GFLOPS[n] for n in _E], [EFFLITE[n][4] for n in _E])


def gpu_work(name, gflops, prec):
    c0, slope = GPU_LINE[prec]
    if name in EFFLITE:
        meas = EFFLITE[name][2 if prec == "fp32" else 3]
        return meas - c0, f"measured Pixel 4 GPU {prec} {meas} ms ({SRC_EFFLITE})"
    a = GPU_ARCH[ARCH[name]]
    return slope * gflops * a, (f"Pixel 4 GPU {prec} line c0 {c0:.2f} ms + {slope:.2f} ms/GFLOP fitted to the "
                                f"EfficientNet-Lite GPU measurements ({SRC_EFFLITE}), x {gflops} GFLOPs x arch "
                                f"factor {a}")


def npu_work(name, gflops, gen):
    c0, slope = EDGE_LINE
    if name in EFFLITE and EFFLITE[name][4] is not None:
        return EFFLITE[name][4] - c0, f"measured Edge TPU int8 {EFFLITE[name][4]} ms ({SRC_EFFLITE})"
    a = NPU_ARCH[gen][ARCH[name]]
    return slope * gflops * a, (f"Edge TPU int8 line (EfficientNet-Lite README int8 Edge TPU column) c0 {c0:.2f} ms + {slope:.2f} ms/GFLOP fitted to "
                                f"EfficientNet-Lite0-3 ({SRC_EFFLITE}), x {gflops} GFLOPs x arch factor {a}")


def npu_params():
    """Per-SoC accelerator parameters: (c0_ms, speedup, gen, how)."""
    c0e, se = EDGE_LINE
    w_mnv1 = se * MNV1_GFLOPS
    w_mnv2 = se * MNV2_GFLOPS
    sp_8g2 = 2 * w_mnv2 / (AIHUB_8G2_MNV2_FP16 - 0.25)
    return {
        ("snapdragon865", "npu"): (0.6, w_mnv1 / (SD865_MNV1_NPU_MS - 0.6), "old",
                                   f"speedup set so MobileNet v1 int8 takes {SD865_MNV1_NPU_MS:.2f} ms = Pixel 4 "
                                   f"NNAPI {MNV1_NNAPI_INT8_P4} ms ({SRC_TFLITE}) / 1.6 (assumed SD865 HTA gain "
                                   f"over SD855), c0 0.6 ms"),
        ("snapdragon865", "dsp"): (0.8, w_mnv1 / (SD865_MNV1_DSP_MS - 0.8), "old",
                                   f"speedup set so MobileNet v1 int8 takes {SD865_MNV1_DSP_MS} ms on the HVX DSP "
                                   f"alone (estimate, between the SD855 NNAPI {MNV1_NNAPI_INT8_P4} ms and the "
                                   f"SD865 HTA), c0 0.8 ms"),
        ("tensor_g2", "npu"): (0.5, 3.0, "old",
                               "speedup 3.0 over the README's Edge TPU line (estimate: Tensor-generation TPU; no public point), c0 0.5 ms"),
        ("snapdragon730", "dsp"): (1.0, w_mnv1 / (SD730_MNV1_DSP_MS - 1.0), "old",
                                   f"speedup set so MobileNet v1 int8 takes {SD730_MNV1_DSP_MS:.2f} ms = Pixel 4 "
                                   f"NNAPI {MNV1_NNAPI_INT8_P4} ms / 0.64 (assumed Hexagon 688 vs 690), c0 1.0 ms"),
        ("snapdragon8gen2", "npu"): (0.25, sp_8g2, "new",
                                     f"speedup set so MobileNetV2 fp16 takes {AIHUB_8G2_MNV2_FP16} ms ({SRC_AIHUB}), "
                                     f"c0 0.25 ms"),
        ("dimensity9300", "npu"): (0.25, 1.25 * sp_8g2, "new",
                                   "speedup 1.25 x the Snapdragon 8 Gen 2 HTP's (estimate), c0 0.25 ms"),
    }


# ---------------------------------------------------------------------------
# Bandwidth
# ---------------------------------------------------------------------------
def bytes_moved(params_m, gflops, arch, kind, prec):
    if kind == "cpu":
        wb = 4 if prec in ("fp32", "fp16") else 1
        ab = 1 if prec in ("fx8", "ffx8") else 4
    elif kind == "gpu":
        wb = ab = 4 if prec == "fp32" else 2
    else:
        # NPU / DSP: weights stay in on-chip memory up to ACCEL_ONCHIP_BYTES, and tiling keeps all
        # but ACCEL_ACT_SPILL of the activation traffic on chip.
        wb = ab = 2 if prec == "fp16" else 1
        return (max(0.0, params_m * 1e6 * wb - ACCEL_ONCHIP_BYTES)
                + ACCEL_ACT_SPILL * K_ACT[arch] * gflops * ab)
    return params_m * 1e6 * wb + K_ACT[arch] * gflops * ab


def bandwidth(params_m, gflops, arch, kind, prec, m, lat_ms, dram):
    bw = bytes_moved(params_m, gflops, arch, kind, prec) / 1e9 / (m * lat_ms / 1000.0)
    return min(bw, BW_CAP_FRAC * dram)


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------
def load_json(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def load_inputs():
    socs = {}
    for p in sorted(glob.glob(os.path.join(ROOT, "socs", "*.json"))):
        d = load_json(p)
        socs[d["name"]] = d
    fams = []
    for p in sorted(glob.glob(os.path.join(MODELS_DIR, "*.json"))):
        fams.append(load_json(p))
    return socs, fams


def thread_counts(ncores):
    return [t for t in (1, 2, 4, 8) if t <= ncores]


def profiles_for(soc, fams):
    cpu_name, cores = soc_cores(soc)
    speeds = core_speeds(cores)
    ncores = len(speeds)
    dram = soc["memory"]["dram_bw_gbps"]
    procs = {p["kind"]: p["name"] for p in soc["processors"]}
    npar = npu_params()
    fit = fitted_cpu(soc) if soc["name"] in FITTED_CPU else None
    fit_p = fitted_parallel_frac(FITTED_CPU[soc["name"]]) if fit else None
    out = []

    def add(v, prec, engine, lat, sd_frac, kind, src, method, threads=None):
        bw = bandwidth(v["params_m"], v["gflops"], ARCH[v["name"]], kind, prec, v["memory_bound_frac"], lat, dram)
        capped = bw >= BW_CAP_FRAC * dram - 1e-9
        pr = {"variant": v["name"], "precision": prec, "engine": engine}
        if threads is not None:
            pr["threads"] = threads
        pr["latency_ms"] = fmt(lat, 3)
        pr["latency_sd_ms"] = fmt(lat * sd_frac, 3)
        pr["bandwidth_gbps"] = fmt(bw, 2)
        pr["source"] = src
        pr["estimated"] = True
        pr["method"] = method + (f"; bandwidth capped at {int(BW_CAP_FRAC * 100)} % of DRAM peak" if capped else "")
        out.append(pr)

    for fam in fams:
        for v in fam["variants"]:
            name, g, m, pf = v["name"], v["gflops"], v["memory_bound_frac"], v["parallel_frac"]
            precs = [b["precision"] for b in v["precisions"]]
            for prec in precs:
                # CPU
                t_a, desc = cpu_anchor(name, g, prec)
                for n in thread_counts(ncores):
                    if fit:
                        fp, fpd = fit_p[0].get(name, (fit_p[1], "mean of the fitted models' (no counterpart measured)"))
                        lat = cpu_latency_fitted(t_a, fp, fit, n)
                        add(v, prec, cpu_name, lat, CPU_SD[n], "cpu",
                            f"Anchor (Pixel 4 / SD855, TFLite CPU, 4 threads): {t_a:.2f} ms = {desc}.",
                            (f"CPU model fitted by socsim calibrate to the {'/'.join(FITTED_CPU[soc['name']])} "
                             f"points (models/measurements/fitted.json): fastest core {fit[0]:.3f} x the SD855+ "
                             f"prime (SD855 prime = {SD855_PRIME_VS_855P:.3f} of it, clock ratio); "
                             f"T = anchor x (theta_SD855 / theta) x g(n) / g_SD855(4), g(n) = (1 - p) + p / "
                             f"(n x slowest used core), cores big-first at capacity / 1024, LITTLE "
                             f"{fit[2]:.3f} (fitted); p={fp:.3f} ({fpd}); the fit is fp32, other "
                             f"precisions keep the anchor's precision factor (models/tools/generate_profiles.py)"),
                            threads=n)
                        continue
                    lat = cpu_latency(t_a, m, pf, speeds, n, dram)
                    add(v, prec, cpu_name, lat, CPU_SD[n], "cpu",
                        f"Anchor (Pixel 4 / SD855, TFLite CPU, 4 threads): {t_a:.2f} ms = {desc}.",
                        (f"CPU thread model: memory part m={m} of the anchor scaled by sqrt(DRAM {ANCHOR_DRAM_GBPS}/"
                         f"{dram} GB/s); compute part rescaled from the anchor's 4 A76 cores to this SoC's "
                         f"{n} fastest core(s) by per-core IPC x f_max with Amdahl parallel_frac={pf}, "
                         f"straggler beta={BETA}, {OVERHEAD_PER_THREAD} overhead per extra thread "
                         f"(models/tools/generate_profiles.py)"), threads=n)
                # GPU
                if "gpu" in procs and prec in COMPAT["gpu"]:
                    c0 = GPU_LINE[prec][0]
                    w, wd = gpu_work(name, g, prec)
                    grel, gdesc = GPU_REL[soc["name"]]
                    lat = c0 + w / grel
                    if ARCH[name] == "audio":
                        lat += YAMNET_FRONTEND_MS
                    add(v, prec, procs["gpu"], lat, GPU_SD, "gpu",
                        f"Anchor (Pixel 4 Adreno 640, TFLite GPU delegate): {wd}.",
                        (f"GPU model: fixed part c0={c0:.2f} ms kept, work part divided by {grel} ({gdesc})"
                         + ("; + 0.3 ms float audio front end on the CPU" if ARCH[name] == "audio" else "")))
                # NPU / DSP
                for kind in ("npu", "dsp"):
                    if kind not in procs or prec not in COMPAT[kind]:
                        continue
                    if kind == "npu" and prec == "fp16" and not NPU_FP16[soc["name"]]:
                        continue
                    c0, sp, gen, how = npar[(soc["name"], kind)]
                    w, wd = npu_work(name, g, gen)
                    if prec == "fp16":
                        w *= 2
                    lat = c0 + w / sp
                    extra = ""
                    if ARCH[name] == "audio":
                        lat += YAMNET_FRONTEND_MS + 0.2
                        extra = "; + 0.3 ms float front end on the CPU + 0.2 ms CPU/accelerator hand-off (ffx8)"
                    add(v, prec, procs[kind], lat, NPU_SD if kind == "npu" else DSP_SD, kind,
                        f"Anchor (Edge TPU int8 of the EfficientNet-Lite README): {wd}.",
                        (f"{kind.upper()} model: {how}; work / {sp:.2f}"
                         + (" x2 for fp16 (half the int8 MAC rate)" if prec == "fp16" else "") + extra))
    return out


def check_rules(soc, profs, fams):
    """Assert the consistency rules; return a list of violations."""
    bad = []
    cpu_name, cores = soc_cores(soc)
    speeds = core_speeds(cores)
    # big cores: clusters whose per-core speed is >= 60 % of the fastest
    nbig = sum(1 for s in speeds if s >= 0.6 * speeds[0])
    idx = {}
    for p in profs:
        idx[(p["variant"], p["precision"], p["engine"], p.get("threads"))] = p["latency_ms"]
    procs = {p["kind"]: p["name"] for p in soc["processors"]}
    for fam in fams:
        size = {v["name"]: (v["gflops"], v["params_m"]) for v in fam["variants"]}
        for v in fam["variants"]:
            for b in v["precisions"]:
                pr = b["precision"]
                ts = [t for t in (1, 2, 4, 8) if t <= nbig and (v["name"], pr, cpu_name, t) in idx]
                lats = [idx[(v["name"], pr, cpu_name, t)] for t in ts]
                if any(b2 > a2 for a2, b2 in zip(lats, lats[1:])):
                    bad.append(f"{v['name']}/{pr}: more threads slower within {nbig} big cores: {lats}")
            if "gpu" in procs:
                a = idx.get((v["name"], "fp32", procs["gpu"], None))
                b2 = idx.get((v["name"], "fp16", procs["gpu"], None))
                if a is not None and b2 is not None and not b2 < a:
                    bad.append(f"{v['name']}: GPU fp16 {b2} not faster than fp32 {a}")
            if "npu" in procs and ARCH[v["name"]] != "audio":
                npu_lat = [lat for (vn, pr, e, t), lat in idx.items()
                           if vn == v["name"] and e == procs["npu"] and pr in ("fx8", "ffx8")]
                other = [lat for (vn, pr, e, t), lat in idx.items()
                         if vn == v["name"] and not (e == procs["npu"] and pr in ("fx8", "ffx8"))]
                if npu_lat and other and not min(npu_lat) < min(other):
                    bad.append(f"{v['name']}: NPU int8 {min(npu_lat)} not the fastest (other {min(other)})")
        keys = sorted({(pr, e, t) for (vn, pr, e, t) in idx if vn in size}, key=str)
        for pr, e, t in keys:
            for n1 in size:
                for n2 in size:
                    bigger = size[n2][0] > size[n1][0] and size[n2][1] > size[n1][1]
                    if not bigger or (n1, pr, e, t) not in idx or (n2, pr, e, t) not in idx:
                        continue
                    l1, l2 = idx[(n1, pr, e, t)], idx[(n2, pr, e, t)]
                    if not l2 > l1:
                        bad.append(f"{fam['family']}: {n2} ({l2}) not slower than {n1} ({l1}) on {e}/{pr}/{t}")
    return bad


DESCRIPTION = (
    "Estimated per-inference latency (batch 1, mean at every domain's highest frequency, cool idle device) of "
    "every feasible design on the {disp}. No public TFLite measurements exist for this SoC and these models, so "
    "every profile is estimated from public anchors measured on other devices (mostly the Pixel 4 / SD855: "
    "EfficientNet-Lite README, TFLite benchmarks, MobileBERT paper; plus the ncnn table, Qualcomm AI Hub and MLPerf "
    "Mobile, all quoted in DATA.md). CPU: anchor split into a memory part (memory_bound_frac, scaled by "
    "sqrt of the DRAM-bandwidth ratio) and a compute part rescaled by per-core IPC x f_max over the N fastest cores "
    "with Amdahl (parallel_frac), a straggler term for threads on slower cores and a per-thread overhead; threads=N "
    "means the N fastest cores. GPU: fixed overhead + work / relative GPU throughput, lines fitted to the Pixel 4 "
    "GPU measurements. NPU/DSP: fixed overhead + work / speed-up over the EfficientNet-Lite README's Edge TPU line, calibrated per SoC "
    "where a public point exists. latency_sd_ms: 3-8 % of the mean by engine and thread count. bandwidth_gbps = "
    "(weights at the engine's storage precision + activation traffic; NPU/DSP keep up to 8 MB of weights on chip) / "
    "(memory_bound_frac x latency), capped at 70 % of DRAM peak. Full method, constants and anchors: models/tools/generate_profiles.py and models/README.md. "
    "Generated file; do not edit by hand.")


FITTED_NOTE = (" Exception on this SoC: the CPU entries are regenerated from socsim calibrate's fit to this SoC's own "
               "public ncnn measurements (models/measurements/fitted.json; per-entry method), which predicts them "
               "better than the estimate; they stay 'estimated' because these library models were not measured here.")


def render(doc):
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def calibration():
    """Compare the CPU model's predictions with ncnn ratios it was not fitted to exactly."""
    rows = []
    p855 = core_speeds(ANCHOR_855P_CORES)
    for mdl, pf, m in (("mobilenet_v2", 0.88, 0.28), ("mobilenet_v3", 0.86, 0.30),
                       ("efficientnet_b0", 0.90, 0.25), ("resnet50", 0.96, 0.15)):
        t4 = 1.0
        w = (1 - m) * t4 / k_factor(p855, 4, pf)
        t1 = m * t4 + w * k_factor(p855, 1, pf)
        rows.append((f"SD855+ 1-big/4-big time ratio, {mdl}", t1, NCNN_855P_1BIG[mdl] / NCNN_855P_4BIG[mdl]))
    socs, _ = load_inputs()
    for sname, table, label, n in (("snapdragon8gen2", NCNN_8G2_4BIG, "SD8G2 4-big / SD855+ 4-big", 4),
                                   ("dimensity9300", NCNN_D9300_4BIG, "D9300 4-big / SD855+ 4-big", 4),
                                   ("snapdragon8gen2", NCNN_8G2_8ALL, "SD8G2 8-all / SD855+ 4-big", 8)):
        _, cores = soc_cores(socs[sname])
        sp = core_speeds(cores)
        dram = socs[sname]["memory"]["dram_bw_gbps"]
        for mdl, pf, m in (("mobilenet_v2", 0.88, 0.28), ("resnet50", 0.96, 0.15)):
            w = (1 - m) / k_factor(p855, 4, pf)
            t = m * math.sqrt(ANCHOR_DRAM_GBPS / dram) + w * k_factor(sp, n, pf)
            rows.append((f"{label}, {mdl}", t, table[mdl] / NCNN_855P_4BIG[mdl]))
    print(f"{'calibration point':55s} {'model':>7s} {'ncnn':>7s}")
    for label, pred, meas in rows:
        print(f"{label:55s} {pred:7.2f} {meas:7.2f}")
    print(f"GPU fp32 line: c0 {GPU_LINE['fp32'][0]:.3f} ms, slope {GPU_LINE['fp32'][1]:.3f} ms/GFLOP; "
          f"fp16: c0 {GPU_LINE['fp16'][0]:.3f}, slope {GPU_LINE['fp16'][1]:.3f}")
    print(f"Edge TPU int8 line: c0 {EDGE_LINE[0]:.3f} ms, slope {EDGE_LINE[1]:.3f} ms/GFLOP")
    fitted_vs_estimates(socs)
    for k, (c0, sp, gen, how) in sorted(npu_params().items()):
        print(f"{k[0]:16s} {k[1]}: c0 {c0} ms, speedup {sp:.2f} ({gen})")


FITTED = os.path.join(MODELS_DIR, "measurements", "fitted.json")


def fitted_vs_estimates(socs):
    """The CPU constants of this file against what `socsim calibrate` fitted to the ncnn points
    (models/measurements/fitted.json): fastest-core throughput relative to the SD855+ (IPC x f_max
    here) and the LITTLE-core speed relative to the fastest core. Not applied to the profiles: this
    file's CPU model (memory part, straggler weight BETA, proportional thread overhead) is not the
    calibrated one, moving one parameter between the two models is not like-for-like, and ncnn's
    1-thread rows do not pin the prime core (README, "Calibration against public measurements")."""
    with open(FITTED, encoding="utf-8") as fh:
        doc = json.load(fh)
    g = [g for g in doc["groups"] if (g["runtime"], g["processor"], g["precision"]) == ("ncnn", "cpu", "fp32")][0]
    ref = g["socs"]["snapdragon855plus"]["throughput"]
    top855p = core_speeds(ANCHOR_855P_CORES)[0]
    print(f"{'socsim calibrate (ncnn fp32 CPU) vs estimates':55s} {'here':>7s} {'fitted':>7s}")
    for name, f in sorted(g["socs"].items()):
        if name not in socs:
            continue
        sp = core_speeds(soc_cores(socs[name])[1])
        print(f"{name + ' fastest core / SD855+ prime':55s} {sp[0] / top855p:7.2f} {f['throughput'] / ref:7.2f}")
        if "little_speed" in f:
            print(f"{name + ' LITTLE core / fastest core':55s} {sp[-1] / sp[0]:7.3f} {f['little_speed']:7.3f}")


NCNN_PM = {"mobilenet_v2": (0.88, 0.28), "mobilenet_v3": (0.86, 0.30), "efficientnet_b0": (0.90, 0.25),
           "resnet50": (0.96, 0.15)}   # (parallel_frac, memory_bound_frac) of calibration()'s ncnn models


def estimate_vs_fit(loo_csv):
    """Per preset with ncnn CPU points: MAPE of this file's estimate (the SD855+'s measured 4-big time
    of the same model x this file's CPU model ratio) and of the fit's leave-one-out predictions
    (`socsim calibrate --format loo`), on the same points. The FITTED_CPU choice rests on it."""
    import csv
    socs, _ = load_inputs()
    p855 = core_speeds(ANCHOR_855P_CORES)
    meas, loo = {}, {}
    with open(os.path.join(MODELS_DIR, "measurements", "latency.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if (r["runtime"], r["processor"], r["precision"]) == ("ncnn", "cpu", "fp32"):
                meas[(r["soc"], int(r["threads"]), r["model"])] = float(r["ms"])
    with open(loo_csv, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if (r["runtime"], r["processor"], r["precision"]) == ("ncnn", "cpu", "fp32") and r["predicted_ms"]:
                loo[(r["soc"], int(r["threads"]), r["model"])] = float(r["predicted_ms"])
    print(f"{'estimate vs fit on own ncnn CPU points (MAPE %)':55s} {'est.':>7s} {'fit LOO':>7s} {'points':>7s}")
    for sname in sorted(socs):
        sp = core_speeds(soc_cores(socs[sname])[1])
        dram = socs[sname]["memory"]["dram_bw_gbps"]
        for label, keep in (("all", lambda n: True), ("without 1-thread", lambda n: n > 1)):
            est, fit = [], []
            for (so, n, mdl), ms in sorted(meas.items()):
                if so != sname or mdl not in NCNN_PM or not keep(n) or (so, n, mdl) not in loo:
                    continue
                pf, m = NCNN_PM[mdl]
                w = (1 - m) / k_factor(p855, 4, pf)
                t = (m * math.sqrt(ANCHOR_DRAM_GBPS / dram) + w * k_factor(sp, n, pf)) * meas[(FIT_REF, 4, mdl)]
                est.append(abs(t / ms - 1))
                fit.append(abs(loo[(so, n, mdl)] / ms - 1))
            if est:
                print(f"{sname + ', ' + label:55s} {100 * sum(est) / len(est):7.1f} {100 * sum(fit) / len(fit):7.1f} "
                      f"{len(est):7d}")


def main(argv):
    if "--calibration" in argv:
        calibration()
        rest = [a for a in argv if a != "--calibration"]
        if rest:
            estimate_vs_fit(rest[0])
        return 0
    check = "--check" in argv
    socs, fams = load_inputs()
    outdir = os.path.join(MODELS_DIR, "profiles")
    os.makedirs(outdir, exist_ok=True)
    changed, problems = [], []
    for sname in sorted(socs):
        soc = socs[sname]
        profs = profiles_for(soc, fams)
        problems += [f"{sname}: {b}" for b in check_rules(soc, profs, fams)]
        if sname in FITTED_CPU:
            cpu = [p for p in soc["processors"] if p["kind"] == "cpu"][0]
            shipped, fitted = cpu["clusters"][-1].get("dnn_speed"), round(fitted_cpu(soc)[2], 3)
            if shipped != fitted:
                problems.append(f"{sname}: LITTLE dnn_speed {shipped} in socs/{sname}.json is not the fitted {fitted} "
                                f"(models/measurements/fitted.json)")
        desc = DESCRIPTION.format(disp=soc["display_name"]) + (FITTED_NOTE if sname in FITTED_CPU else "")
        doc = {"soc": sname, "description": desc, "profiles": profs}
        path = os.path.join(outdir, sname + ".json")
        if generated.sync(path, render(doc), check):
            changed.append(path)
        print(f"{sname}: {len(profs)} profiles")
    for p in problems:
        print("RULE VIOLATION: " + p)
    if problems:
        return 2
    return generated.finish(changed, check, os.path.dirname(MODELS_DIR))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
