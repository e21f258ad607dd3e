using Dislocate.Segment.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Tests.Torch;

public sealed class AutocastScopeTests
{
    [Fact]
    public void Convolution_and_linear_run_in_bfloat16_inside_a_cpu_scope_and_in_float32_outside()
    {
        Assert.True(AutocastScope.IsAvailable);
        using var kernels = TorchRuntime.TrainingKernels(cpuBfloat16: true); // as the trainer runs CPU autocast: ATen's kernels
        torch.manual_seed(3);
        using var x = torch.randn(1, 2, 8, 8);
        using var kernel = torch.randn(3, 2, 3, 3);
        using var v = torch.randn(4, 5);
        using var w = torch.randn(6, 5);
        using (AutocastScope.Enter(DeviceType.CPU))
        {
            using var conv = nn.functional.conv2d(x, kernel);
            using var linear = nn.functional.linear(v, w);
            Assert.Equal(ScalarType.BFloat16, conv.dtype);
            Assert.Equal(ScalarType.BFloat16, linear.dtype);

            // Element-wise operations are not on autocast's list: float32 stays float32.
            using var sum = x + x;
            Assert.Equal(ScalarType.Float32, sum.dtype);

            // The value is the float32 convolution's, rounded through bfloat16 (8 significant bits).
            using var exact = nn.functional.conv2d(x.to_type(ScalarType.BFloat16).to_type(ScalarType.Float64), kernel.to_type(ScalarType.BFloat16).to_type(ScalarType.Float64));
            var error = (conv.to_type(ScalarType.Float64) - exact).abs().max().item<double>() / exact.abs().max().item<double>();
            Assert.True(error < 1e-2, $"bfloat16 convolution is off by {error:E2}");
        }

        using var after = nn.functional.conv2d(x, kernel);
        Assert.Equal(ScalarType.Float32, after.dtype);
        Assert.False(AutocastScope.IsEnabled(DeviceType.CPU));
    }

    [Fact]
    public void Nested_scopes_restore_the_enabled_flag_and_the_type_of_the_enclosing_one()
    {
        var before = AutocastScope.ReducedType(DeviceType.CPU);
        Assert.False(AutocastScope.IsEnabled(DeviceType.CPU));
        using var x = torch.ones(2, 3);
        using var w = torch.ones(4, 3);
        using (AutocastScope.Enter(DeviceType.CPU, ScalarType.BFloat16))
        {
            using (AutocastScope.Enter(DeviceType.CPU, ScalarType.Float16))
            {
                Assert.True(AutocastScope.IsEnabled(DeviceType.CPU));
                Assert.Equal(ScalarType.Float16, AutocastScope.ReducedType(DeviceType.CPU));
                using var half = nn.functional.linear(x, w);
                Assert.Equal(ScalarType.Float16, half.dtype);
                Assert.Equal(3f, (float)half[0, 0].item<Half>());

                // An inner scope that switches autocast off gives float32 back, then returns to float16.
                using (AutocastScope.Enter(DeviceType.CPU, ScalarType.BFloat16, enabled: false))
                {
                    Assert.False(AutocastScope.IsEnabled(DeviceType.CPU));
                    using var full = nn.functional.linear(x, w);
                    Assert.Equal(ScalarType.Float32, full.dtype);
                }

                Assert.True(AutocastScope.IsEnabled(DeviceType.CPU));
                Assert.Equal(ScalarType.Float16, AutocastScope.ReducedType(DeviceType.CPU));
            }

            Assert.True(AutocastScope.IsEnabled(DeviceType.CPU));
            Assert.Equal(ScalarType.BFloat16, AutocastScope.ReducedType(DeviceType.CPU));
            using var brain = nn.functional.linear(x, w);
            Assert.Equal(ScalarType.BFloat16, brain.dtype);
        }

        Assert.False(AutocastScope.IsEnabled(DeviceType.CPU));
        Assert.Equal(before, AutocastScope.ReducedType(DeviceType.CPU));
    }

    [Fact]
    public void The_cuda_state_is_separate_from_the_cpu_state_and_defaults_to_float16()
    {
        // Setting CUDA's thread-local flag needs no GPU; it must not switch CPU autocast on.
        Assert.Equal(ScalarType.Float16, AutocastScope.DefaultType(DeviceType.CUDA));
        Assert.Equal(ScalarType.BFloat16, AutocastScope.DefaultType(DeviceType.CPU));
        Assert.False(AutocastScope.IsEnabled(DeviceType.CUDA));
        using (AutocastScope.Enter(DeviceType.CUDA))
        {
            Assert.True(AutocastScope.IsEnabled(DeviceType.CUDA));
            Assert.Equal(ScalarType.Float16, AutocastScope.ReducedType(DeviceType.CUDA));
            Assert.False(AutocastScope.IsEnabled(DeviceType.CPU));
            using var x = torch.ones(2, 3);
            using var w = torch.ones(4, 3);
            using var y = nn.functional.linear(x, w);
            Assert.Equal(ScalarType.Float32, y.dtype);
        }

        Assert.False(AutocastScope.IsEnabled(DeviceType.CUDA));
    }

    [Fact]
    public void The_state_belongs_to_the_thread_that_entered_the_scope()
    {
        using (AutocastScope.Enter(DeviceType.CPU))
        {
            var elsewhere = true;
            var thread = new Thread(() => elsewhere = AutocastScope.IsEnabled(DeviceType.CPU));
            thread.Start();
            thread.Join();
            Assert.False(elsewhere);
            Assert.True(AutocastScope.IsEnabled(DeviceType.CPU));
        }
    }

    [Fact]
    public void Unsupported_devices_and_types_are_refused_before_reaching_libtorch()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AutocastScope.Enter(DeviceType.CPU, ScalarType.Float32));
        Assert.Throws<ArgumentOutOfRangeException>(() => AutocastScope.Enter(DeviceType.MPS));
        Assert.False(AutocastScope.IsEnabled(DeviceType.CPU));
    }
}
