using Dendra.Simulator.Backends.OpenCl;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>What the OpenCL backend says when it cannot run a network: device choice, memory, kernel builds, limits.</summary>
public class OpenClErrorTests
{
    /// <summary>Every test here needs OpenCL: skips them where it has no device (fails them on CI).</summary>
    public OpenClErrorTests() => OpenClDriver.Require();

    [SkippableFact]
    public void Devices_are_listed_with_their_properties_and_picked_by_index_type_or_name()
    {
        var devices = OpenClDevices.List();
        var first = devices[0];
        Assert.Equal(0, first.Index);
        Assert.False(string.IsNullOrWhiteSpace(first.Name));
        Assert.True(first.ComputeUnits > 0 && first.GlobalMemoryBytes > 0 && first.MaxAllocationBytes > 0);
        Assert.Equal(first, OpenClDevices.Select("0"));
        Assert.Equal(devices.First(d => d.Type == first.Type), OpenClDevices.Select(first.Type.ToString().ToLowerInvariant()));
        Assert.Equal(first, OpenClDevices.Select(first.Name[..Math.Min(6, first.Name.Length)].ToUpperInvariant()));
        // The platform's vendor too: PoCL's devices are named after the processor and its platform "Portable Computing
        // Language", so "pocl" only matches its vendor, "The pocl project" (CI runs on PoCL).
        Assert.False(string.IsNullOrWhiteSpace(first.PlatformVendor));
        var pocl = devices.FirstOrDefault(d => d.PlatformVendor.Contains("pocl", StringComparison.OrdinalIgnoreCase));
        if (pocl is not null) Assert.Equal(pocl, OpenClDevices.Select("pocl"));
        var e = Assert.Throws<OpenClException>(() => OpenClDevices.Select("99"));
        Assert.Contains("there is no OpenCL device 99", e.Message);
        Assert.Contains($"0: {first}", e.Message);
        Assert.Throws<OpenClException>(() => OpenClDevices.Select("no-such-device-name"));
    }

    [SkippableFact]
    public void A_network_too_large_for_the_device_fails_before_the_run_with_bytes_needed_and_available()
    {
        var device = OpenClDevices.List()[0];
        var small = device with { GlobalMemoryBytes = 1_000_000, MaxAllocationBytes = 500_000 };
        var buffers = new[] { new DeviceBuffer("'v' of population 'big'", 800_000, null), new DeviceBuffer("'ge' of population 'big'", 800_000, null) };
        var e = Assert.Throws<OpenClException>(() => DeviceMemory.CheckFits(small, buffers));
        Assert.Contains("needs 1,600,000 bytes of device memory", e.Message);
        Assert.Contains("has 1,000,000", e.Message);

        var oneTooLarge = device with { MaxAllocationBytes = 500_000 };
        e = Assert.Throws<OpenClException>(() => DeviceMemory.CheckFits(oneTooLarge, buffers));
        Assert.Contains("'v' of population 'big' needs 800,000 bytes in one buffer", e.Message);
        Assert.Contains("at most 500,000 bytes", e.Message);
    }

    [SkippableFact]
    public void A_simulation_checks_the_device_memory_before_it_allocates_anything()
    {
        var net = new Network(0.1 * ms, Precision.Single);
        var p = net.AddPopulation("cells", 10_000, Dendra.Neurons.Lif.Cuba());
        net.Connect(p, p, "ge", Connectivity.FixedProbability(0.01), 0.1 * mV);
        var tiny = OpenClDevices.List()[0] with { GlobalMemoryBytes = 100_000 };
        var e = Assert.Throws<OpenClException>(() => new Dendra.Simulator.Backends.OpenCl.OpenClSimulation<float>(net, tiny));
        Assert.Matches(@"the network needs [\d,]+ bytes of device memory but .* has 100,000", e.Message);
    }

    [SkippableFact]
    public void A_float64_network_is_refused_on_a_device_without_float64_and_the_message_says_what_to_do()
    {
        var net = new Network(0.1 * ms, Precision.Double);
        net.AddPopulation("cells", 10, Dendra.Neurons.Lif.CurrentBased());
        var noDouble = OpenClDevices.List()[0] with { SupportsFloat64 = false };
        var e = Assert.Throws<OpenClException>(() => new Dendra.Simulator.Backends.OpenCl.OpenClSimulation<double>(net, noDouble));
        Assert.Contains("no float64 support (cl_khr_fp64)", e.Message, StringComparison.Ordinal);
        Assert.Contains("Precision.Single", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Monitors_are_read_back_once_per_batch_of_steps_not_every_step()
    {
        var net = new Network(0.1 * ms, Precision.Double);
        var p = net.AddPopulation("cells", 100, Dendra.Neurons.Lif.CurrentBased());
        net.Inject(p, "I_ext", Dendra.Simulator.Inputs.CurrentSource.Constant(1 * nA));
        var spikes = net.MonitorSpikes(p);
        var v = net.MonitorState(p, "v", [0, 99]);
        var simulation = new Dendra.Simulator.Backends.OpenCl.OpenClSimulation<double>(net, OpenClDevices.List()[0]);
        simulation.Run(1000, null);

        Assert.Equal(1000, simulation.Step);
        Assert.Equal(1000, v.Steps.Count);
        Assert.True(spikes.Count > 100, $"only {spikes.Count} spikes");
        Assert.Equal(8, simulation.BatchesCollected); // 1000 steps in batches of up to 128
    }

    [SkippableFact]
    public void A_kernel_build_failure_shows_the_generated_line_and_the_model_statement()
    {
        var net = new Network(0.1 * ms, Precision.Single);
        var p = net.AddPopulation("cells", 10, Dendra.Neurons.Lif.CurrentBased());
        var compiled = new NeuronCompiler(p, n => new float[n], new HashSet<string>()).Compile();
        var source = new OpenClKernelGenerator(doublePrecision: false).Generate(compiled.Update!);
        // Break the first generated statement as a faulty generator or device compiler would.
        var lines = source.Split('\n');
        int broken = Array.FindIndex(lines, l => l.TrimStart().StartsWith("l_", StringComparison.Ordinal) || l.Contains("const real x =", StringComparison.Ordinal));
        lines[broken] = lines[broken].Replace(";", " undefined_name;", StringComparison.Ordinal);
        string statement = lines[..broken].Last(l => l.TrimStart().StartsWith("// ", StringComparison.Ordinal)).Trim()[3..];

        var device = OpenClDevices.List()[0];
        var (context, _) = OpenClContexts.For(device);
        var program = OpenClProgram.FixedSource + "\n" + string.Join('\n', lines);
        var e = Assert.Throws<OpenClException>(() => OpenClProgram.Build(context, device, program, OpenClProgram.Options(false, device.SupportsFloat64)));
        Assert.Contains("the generated OpenCL kernels did not build", e.Message);
        Assert.Contains("undefined_name", e.Message);
        Assert.Contains($"from the model statement: {statement}", e.Message);
        Assert.Contains("in kernel: cells.update", e.Message);
    }

    [SkippableFact]
    public void Float32_programs_also_build_for_devices_without_float64()
    {
        // Many GPUs lack cl_khr_fp64: the same kernels must build when the program is told so (times, draws and sums in float).
        var net = new Network(0.1 * ms, Precision.Single);
        var p = net.AddPopulation("cells", 10, new Dendra.Simulator.Models.NeuronModel("Noisy", "dv/dt = (randn()*sqrt(tau) + exp(-v) - v)/tau")
            .WithParameter("tau", 10 * ms).WithThreshold("rand() < 0.01 + mean(v)*0"));
        var compiled = new NeuronCompiler(p, n => new float[n], new HashSet<string>()).Compile();
        var generator = new OpenClKernelGenerator(doublePrecision: false);
        var source = OpenClProgram.FixedSource + string.Concat(new[] { compiled.Update!, compiled.Threshold! }.Concat(compiled.Reductions.Select(r => r.Kernel))
            .Select(k => "\n" + generator.Generate(k)));
        var device = OpenClDevices.List()[0];
        var (context, _) = OpenClContexts.For(device);
        var program = OpenClProgram.Build(context, device, source, OpenClProgram.Options(doublePrecision: false, deviceHasFp64: false));
        Assert.NotEqual(0, program);
        OpenClDevices.Api.ReleaseProgram(program);
    }

    [SkippableFact]
    public void Auto_keeps_small_networks_on_the_cpu_and_opencl_reports_its_device()
    {
        var small = new Network(0.1 * ms) { Backend = Backend.Auto };
        small.AddPoisson("p", 10, 10 * Hz);
        small.Build();
        Assert.Equal("cpu", small.BackendDescription);

        var large = new Network(0.1 * ms) { Backend = Backend.Auto };
        large.AddPoisson("p", Network.AutoOpenClSize, 10 * Hz);
        large.Build();
        Assert.Equal($"opencl: {OpenClDevices.Select(null)}", large.BackendDescription);
    }
}
