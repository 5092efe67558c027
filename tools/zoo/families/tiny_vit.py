"""Family 'tiny_vit': a tiny Vision Transformer — 4x4 patch embedding (Conv, stride 4) of the
8x8 image into 4 tokens of width 16, a class token and position embeddings, one pre-norm block
(2-head self-attention with head width 8 and a GELU MLP of width 32), a final LayerNorm and an nn.Linear head on the class token. PyTorch reference.

    /usr/bin/python3 tools/zoo/families/tiny_vit.py
"""
import torch

from family_common import CLASSES, export, make_data, preprocess, seed, spread_head, write_family

WIDTH, HEADS, HEAD_DIM, MLP = 16, 2, 8, 32


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1 = torch.nn.LayerNorm(WIDTH)
        self.qkv = torch.nn.Linear(WIDTH, 3 * HEADS * HEAD_DIM)
        self.proj = torch.nn.Linear(HEADS * HEAD_DIM, WIDTH)
        self.norm2 = torch.nn.LayerNorm(WIDTH)
        self.fc1 = torch.nn.Linear(WIDTH, MLP)
        self.fc2 = torch.nn.Linear(MLP, WIDTH)

    def forward(self, x):
        n, t, _ = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(n, t, 3, HEADS, HEAD_DIM).permute(2, 0, 3, 1, 4)
        attn = torch.softmax(q @ k.transpose(-2, -1) / HEAD_DIM ** 0.5, dim=-1)
        x = x + self.proj((attn @ v).transpose(1, 2).reshape(n, t, HEADS * HEAD_DIM))
        return x + self.fc2(torch.nn.functional.gelu(self.fc1(self.norm2(x))))


class TinyVit(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = torch.nn.Conv2d(1, WIDTH, 4, stride=4)
        self.cls = torch.nn.Parameter(torch.randn(1, 1, WIDTH) * 0.5)
        self.pos = torch.nn.Parameter(torch.randn(1, 5, WIDTH) * 0.5)
        self.block = Block()
        self.norm = torch.nn.LayerNorm(WIDTH)
        self.head = torch.nn.Linear(WIDTH, CLASSES)

    def features(self, x):
        tokens = self.patch(x).flatten(2).transpose(1, 2)
        tokens = torch.cat([self.cls.expand(x.shape[0], -1, -1), tokens], dim=1) + self.pos
        return self.norm(self.block(tokens))[:, 0]

    def forward(self, x):
        return self.head(self.features(x))


def main():
    rng = seed(10)
    images, labels = make_data(rng)
    x = torch.from_numpy(preprocess(images))
    net = TinyVit().eval()
    with torch.no_grad():
        spread_head(net.head.weight, net.head.bias, net.features(x), torch.from_numpy(labels))
        logits = net(x).numpy()
    write_family('tiny_vit', export(net, x), images, labels, logits, {'form': 'gemm', 'featureDim': WIDTH, 'tolerance': 1e-4})


if __name__ == '__main__':
    main()
