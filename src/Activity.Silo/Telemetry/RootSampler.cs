using Activity.Grains.Telemetry;
using OpenTelemetry.Trace;

namespace Activity.Silo.Telemetry;

/// <summary>
/// Decides for traces that start here (a trace that arrives decides for itself: the sampler is
/// parent-based): report runs and analytics job runs are always recorded, being few and long; anything
/// else at <see cref="TelemetryOptions.TraceSampleRatio"/>, by trace id, so every silo keeps the same traces.
/// </summary>
internal sealed class RootSampler(double ratio) : Sampler
{
    private readonly TraceIdRatioBasedSampler _ratio = new(ratio);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Name is ActivityTracing.ReportRun or ActivityTracing.AnalyticsJob
            ? new SamplingResult(SamplingDecision.RecordAndSample)
            : _ratio.ShouldSample(samplingParameters);
}
