namespace Dislocate.Segment.Model;

/// <summary>The ResNet variant used as the UNet++ encoder (torchvision's architectures and layer names).</summary>
public enum EncoderKind
{
    /// <summary>ResNet-18: BasicBlocks [2, 2, 2, 2], 11.2 M encoder parameters with one input channel.</summary>
    ResNet18,

    /// <summary>ResNet-34: BasicBlocks [3, 4, 6, 3], 21.3 M encoder parameters with one input channel.</summary>
    ResNet34,

    /// <summary>ResNet-50: Bottlenecks [3, 4, 6, 3], 23.5 M encoder parameters with one input channel (the paper's choice).</summary>
    ResNet50,
}
