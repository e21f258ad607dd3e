using System.Globalization;
using System.Runtime.InteropServices;
using Dislocate.Segment.Onnx.Format;
using Google.Protobuf;

namespace Dislocate.Segment.Onnx;

/// <summary>Builds one ONNX graph node by node: float initializers, operators with attributes, typed inputs and outputs.</summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto graph = new();
    private int next;

    /// <summary>Starts a graph called <paramref name="name"/>.</summary>
    public OnnxGraphBuilder(string name) => this.graph.Name = name;

    /// <summary>Declares a float input of shape <paramref name="dims"/>: a number is a fixed size, a string a named dynamic one.</summary>
    public string Input(string name, params object[] dims)
    {
        this.graph.Input.Add(Value(name, dims));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> a float output of shape <paramref name="dims"/>.</summary>
    public void Output(string value, params object[] dims) => this.graph.Output.Add(Value(value, dims));

    /// <summary>A float constant (weights), stored in the file as little-endian raw data.</summary>
    public string Initializer(string name, long[] shape, ReadOnlySpan<float> values)
    {
        this.graph.Initializer.Add(Tensor(name, TensorProto.Types.DataType.Float, shape, values));
        return name;
    }

    /// <summary>An int64 constant (shapes, axes).</summary>
    public string Initializer(string name, long[] values)
    {
        this.graph.Initializer.Add(Tensor<long>(name, TensorProto.Types.DataType.Int64, [values.Length], values));
        return name;
    }

    /// <summary>A constant tensor of <paramref name="type"/> holding <paramref name="values"/> as little-endian raw data; no dims = a scalar.</summary>
    public static TensorProto Tensor<T>(string name, TensorProto.Types.DataType type, long[] shape, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(shape);
        return tensor;
    }

    /// <summary>Adds an <paramref name="op"/> node (an empty input name = an omitted optional input) and returns its output's name.</summary>
    public string Node(string op, string[] inputs, params (string Name, object Value)[] attributes)
    {
        var output = string.Create(CultureInfo.InvariantCulture, $"{op.ToLowerInvariant()}_{this.next++}");
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        foreach (var (name, value) in attributes)
        {
            node.Attribute.Add(Attribute(name, value));
        }

        this.graph.Node.Add(node);
        return output;
    }

    /// <summary>The graph in an ONNX model of opset <paramref name="opset"/>, with <paramref name="metadata"/> as metadata_props.</summary>
    public ModelProto Model(long opset, string producer, string version, string doc, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = producer, ProducerVersion = version, DocString = doc, Graph = this.graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        foreach (var (key, value) in metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model;
    }

    private static ValueInfoProto Value(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d switch
            {
                string param => new TensorShapeProto.Types.Dimension { DimParam = param },
                _ => new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d, CultureInfo.InvariantCulture) },
            });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    /// <summary>An attribute of a long, int, float, string or long[] value.</summary>
    public static AttributeProto Attribute(string name, object value) => value switch
    {
        long i => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = i },
        int i => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = i },
        float f => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = f },
        string s => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(s) },
        long[] ints => Ints(name, ints),
        _ => throw new ArgumentException($"attribute '{name}' has an unsupported type {value.GetType().Name}", nameof(value)),
    };

    private static AttributeProto Ints(string name, long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }
}
